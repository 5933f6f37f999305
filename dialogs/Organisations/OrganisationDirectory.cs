using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using SupportBot.Dialogs.Localization;

namespace SupportBot.Dialogs.Organisations;

/// <summary>Whether an organisation is a municipality (kommun) or a region.</summary>
public enum OrganisationKind
{
    Municipality,
    Region,
}

/// <summary>
/// A Swedish municipality or region. <see cref="Code"/> is SCB's code (kommunkod, 4 digits; länskod, 2 digits for a
/// region), stable across name changes, so it is what cases store; the names are for people.
/// </summary>
/// <param name="Name">The Swedish name the organisation writes itself ("Ale kommun", "Göteborgs Stad", "Region Skåne").</param>
/// <param name="NameEn">The English name the organisation uses, or null where none is established (none is invented).</param>
/// <param name="Aliases">Other spellings people type ("Göteborg", "Goteborg", "Gothenburg"), for matching only.</param>
public sealed record Organisation(string Code, OrganisationKind Kind, string Name, string? NameEn, IReadOnlyList<string> Aliases)
{
    /// <summary>The English name for an English-speaking user when the organisation has one; the Swedish name otherwise.</summary>
    public string DisplayName(UserLanguage language) =>
        language == UserLanguage.English && NameEn is not null ? NameEn : Name;
}

/// <summary>
/// All 290 municipalities and 21 regions from <c>content/organisations.json</c> (source and date in that file).
/// Checked when loaded: codes are unique and of the right form for their kind, every municipality lies in a listed
/// län, and every name is present. A data mistake stops the bot at start-up instead of filing a case under a wrong code.
/// </summary>
public sealed class OrganisationDirectory
{
    private const string FileName = "organisations.json";
    private static readonly Lazy<OrganisationDirectory> s_embedded = new(() => Parse(ContentFiles.ReadObject(FileName)));

    private readonly Dictionary<string, Organisation> _byCode;

    private OrganisationDirectory(IReadOnlyList<Organisation> all)
    {
        All = all;
        _byCode = all.ToDictionary(o => o.Code, StringComparer.Ordinal);
    }

    /// <summary>Every municipality and region, in file order (SCB code order).</summary>
    public IReadOnlyList<Organisation> All { get; }

    /// <summary>
    /// The directory from the embedded file, read and validated once (the data is immutable, so callers need not cache it).
    /// Throws <see cref="InvalidDataException"/> naming the problem when the file is wrong.
    /// </summary>
    public static OrganisationDirectory Load() => s_embedded.Value;

    /// <summary>True for 2 or 4 ASCII digits, the forms of a region and a municipality code; says nothing of existence.</summary>
    public static bool IsCodeFormat(string? code) =>
        code is { Length: 2 or 4 } && code.All(char.IsAsciiDigit);

    public int Count(OrganisationKind kind) => All.Count(o => o.Kind == kind);

    /// <summary>The organisation with exactly this code (no trimming or padding: codes come from cards and storage).</summary>
    public bool TryGet(string? code, [MaybeNullWhen(false)] out Organisation organisation)
    {
        if (code is null)
        {
            organisation = null;
            return false;
        }

        return _byCode.TryGetValue(code, out organisation);
    }

    /// <summary>The organisation with exactly this code, or null for anything else.</summary>
    public Organisation? Find(string? code) => TryGet(code, out var organisation) ? organisation : null;

    /// <summary>Reads and validates directory content (internal so tests can feed broken content).</summary>
    internal static OrganisationDirectory Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json["organisations"] is not JsonArray items)
        {
            throw new InvalidDataException($"{FileName}: 'organisations' is missing or not an array.");
        }

        var problems = new List<string>();
        var organisations = new List<Organisation>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var organisation = ReadOne(items[i] as JsonObject, $"entry {i}", problems);
            if (organisation is null)
            {
                continue;
            }

            if (!codes.Add(organisation.Code))
            {
                problems.Add($"code '{organisation.Code}' is used twice.");
                continue;
            }

            organisations.Add(organisation);
        }

        var regionCodes = organisations.Where(o => o.Kind == OrganisationKind.Region).Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(organisations
            .Where(o => o.Kind == OrganisationKind.Municipality && !regionCodes.Contains(o.Code[..2]))
            .Select(o => $"municipality {o.Code} lies in län {o.Code[..2]}, which has no region entry."));
        if (organisations.Count == 0)
        {
            problems.Add("there are no organisations.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{FileName}: " + string.Join(" ", problems));
        }

        return new OrganisationDirectory(organisations);
    }

    private static Organisation? ReadOne(JsonObject? item, string where, List<string> problems)
    {
        if (item is null)
        {
            problems.Add($"{where} is not an object.");
            return null;
        }

        var code = Text(item, "code");
        var name = Text(item, "name");
        where = code is null ? where : $"{where} ({code})";
        OrganisationKind? kind = Text(item, "kind") switch
        {
            "kommun" => OrganisationKind.Municipality,
            "region" => OrganisationKind.Region,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add($"{where}: kind must be 'kommun' or 'region'.");
            return null;
        }

        var expectedLength = kind == OrganisationKind.Municipality ? 4 : 2;
        if (code is null || code.Length != expectedLength || !code.All(char.IsAsciiDigit))
        {
            problems.Add($"{where}: a {Text(item, "kind")} code must be {expectedLength} digits.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{where}: name is missing.");
            return null;
        }

        var nameEn = Text(item, "nameEn");
        if (nameEn is not null && nameEn.Trim().Length == 0)
        {
            problems.Add($"{where}: nameEn is empty (use null where there is no English name).");
            return null;
        }

        var aliases = item["aliases"] as JsonArray ?? [];
        var aliasTexts = aliases.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
        if (aliasTexts.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{where}: every alias must be a non-empty string.");
            return null;
        }

        return new Organisation(code, kind.Value, name, nameEn, aliasTexts.Select(a => a!).ToList());
    }

    private static string? Text(JsonObject item, string property) =>
        item[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
