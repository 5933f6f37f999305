using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SupportBot.Bot.Storage;

namespace SupportBot.Bot.Incidents;

/// <summary>
/// Hands out case numbers such as <c>HH-2026-0042</c>: short enough to read over the phone, unique under
/// concurrency across all bot instances. One counter entity per year is advanced with optimistic concurrency
/// (insert-if-absent, then replace-if-ETag-matches); a loser of a race reads again and retries.
/// </summary>
public sealed class CaseNumberAllocator
{
    public const string Prefix = "HH";
    private const int MaxAttempts = 50;
    private readonly TableClient _counters;
    private readonly AsyncOnce _created;

    public CaseNumberAllocator(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _counters = tables.GetTableClient("CaseCounters");
        _created = new AsyncOnce(ct => _counters.CreateIfNotExistsAsync(ct));
    }

    public async Task<string> NextAsync(int year, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = year.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await _counters.GetEntityIfExistsAsync<CaseCounterEntity>(Prefix, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                int number;
                if (!current.HasValue)
                {
                    number = 1;
                    await _counters.AddEntityAsync(new CaseCounterEntity { PartitionKey = Prefix, RowKey = rowKey, Next = 2 }, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var counter = current.Value!;
                    number = counter.Next;
                    counter.Next = number + 1;
                    await _counters.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return Format(year, number);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else took this number first: back off a little (jittered) and read again.
                await Task.Delay(Random.Shared.Next(5, 20 + (attempt * 10)), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new StorageConcurrencyException($"Could not allocate a case number after {MaxAttempts} attempts.");
    }

    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year}-{number:0000}");
}
