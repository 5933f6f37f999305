using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SupportBot.Dialogs.Privacy;
using SupportBot.Storage.Tables;

namespace SupportBot.Storage.CaseCounters;

/// <summary>
/// Hands out case numbers such as <c>HH-2026-1480-0042</c>: the year, the organisation's SCB code and a number that
/// counts within that organisation and year. There is no national counter (which revealed the national volume and was
/// a hot row): each organisation has its own counter row, and each bot instance reserves a block of
/// <see cref="BlockSize"/> numbers from it with one ETag-checked replace, then hands them out from memory. Two instances
/// saving cases for the same organisation at once therefore meet on the counter once per block, not once per case.
/// Numbers reserved but not handed out before an instance stops are skipped (gaps are harmless and hide volume).
/// An organisation key that is not an SCB code (cases saved before organisations came from the tenant, and tests that
/// write through the repository) still gets the older form <c>HH-2026-0042</c> from the per-year counter.
/// </summary>
/// <remarks>
/// Personal data: none (a row is an organisation's SCB code, a year and a number), declared as such so that every
/// table the app creates has a policy: erasure and retention change nothing here.
/// </remarks>
public sealed class CaseNumberAllocator(TableServiceClient tables) : TableOwner(tables, StoredTables.CaseCounters), IPersonalDataTable
{
    public const string Prefix = "HH";

    /// <summary>Numbers reserved per trip to the counter: small, so a restart loses few; large enough that a busy organisation rarely contends.</summary>
    public const int BlockSize = 10;

    private const int MaxAttempts = 50;
    private readonly ConcurrentDictionary<string, Block> _blocks = new(StringComparer.Ordinal);

    /// <summary>Nothing about a person is stored here.</summary>
    public Task<RowCounts> EraseAsync(PersonRef person, CancellationToken cancellationToken) => Task.FromResult(RowCounts.None);

    /// <summary>Counters are kept: deleting one would hand out a case number again.</summary>
    public Task<RowCounts> SweepAsync(RetentionRun run, CancellationToken cancellationToken) => Task.FromResult(RowCounts.None);

    /// <summary>The next number for a case of <paramref name="organisationKey"/> saved in <paramref name="year"/>.</summary>
    public async Task<string> NextAsync(string organisationKey, int year, CancellationToken cancellationToken)
    {
        if (!IsScbCode(organisationKey))
        {
            return Format(year, await ReserveAsync(Prefix, year, 1, cancellationToken).ConfigureAwait(false));
        }

        var block = _blocks.GetOrAdd(organisationKey + "|" + year.ToString(CultureInfo.InvariantCulture), _ => new Block());
        await block.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (block.Next >= block.End)
            {
                var first = await ReserveAsync(organisationKey, year, BlockSize, cancellationToken).ConfigureAwait(false);
                (block.Next, block.End) = (first, first + BlockSize);
            }

            return Format(year, organisationKey, block.Next++);
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>The older, national form (HH-2026-0042): still valid, still parsed, no longer handed out for SCB-coded organisations.</summary>
    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year}-{number:0000}");

    public static string Format(int year, string organisationCode, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year}-{organisationCode}-{number:0000}");

    /// <summary>The organisation (SCB code) a number of the form HH-2026-1480-0042 was given for; null for the older form.</summary>
    public static string? OrganisationOf(string caseNumber)
    {
        ArgumentNullException.ThrowIfNull(caseNumber);
        var parts = caseNumber.Split('-');
        return parts.Length == 4 && parts[0] == Prefix && IsScbCode(parts[2]) ? parts[2] : null;
    }

    /// <summary>SCB codes: two digits for a region, four for a municipality.</summary>
    public static bool IsScbCode(string? key) =>
        key is { Length: 2 or 4 } && key.All(char.IsAsciiDigit);

    /// <summary>Advances the counter row (<paramref name="partition"/>, year) by <paramref name="count"/> and returns the first number reserved.</summary>
    private async Task<int> ReserveAsync(string partition, int year, int count, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = year.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<CaseCounterEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                int first;
                if (!current.HasValue)
                {
                    first = 1;
                    await Table.AddEntityAsync(new CaseCounterEntity { PartitionKey = partition, RowKey = rowKey, Next = 1 + count }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var counter = current.Value!;
                    first = counter.Next;
                    counter.Next = first + count;
                    await Table.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return first;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance reserved first: back off a little (jittered) and read again.
                await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new StorageConcurrencyException($"Could not reserve case numbers after {MaxAttempts} attempts.");
    }

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Next { get; set; }

        public int End { get; set; }
    }
}
