using SupportBot.Dialogs.Escalation;
using SupportBot.Dialogs.Privacy;

namespace SupportBot.Bot.Privacy;

/// <summary>
/// Erasure: every table that stores something about a person (each <see cref="IPersonalDataTable"/>, declared by the
/// table's own repository) erases or pseudonymises that person's rows, for every id they are stored under. Safe to run
/// again: a repeated or half-done erasure finds only what is left. Each erasure writes one audit event with the counts
/// only (<see cref="PrivacyAuditActions.Erasure"/>): no id, no pseudonym, so the audit does not say who asked.
/// </summary>
public sealed partial class PersonalDataEraser(IEnumerable<IPersonalDataTable> tables, Pseudonyms pseudonyms, ILogger<PersonalDataEraser> logger, IAuditLog? audit = null, TimeProvider? time = null) : IPersonalDataEraser
{
    private readonly IReadOnlyList<IPersonalDataTable> _tables = [.. tables];

    public async Task<ErasureResult> EraseAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var counts = RowCounts.None;
        foreach (var id in personIds.Where(id => !string.IsNullOrWhiteSpace(id) && !ErasedPeople.IsPseudonym(id)).Distinct(StringComparer.Ordinal))
        {
            var person = new PersonRef(id, pseudonyms.Erased(id));
            foreach (var table in _tables)
            {
                counts = counts.Plus(await table.EraseAsync(person, cancellationToken).ConfigureAwait(false));
            }
        }

        if (audit is not null)
        {
            var at = (time ?? TimeProvider.System).GetUtcNow();
            await audit.AppendAsync(new AuditEvent(null, null, PrivacyAuditActions.Erasure, AuditOutcomes.Accepted, counts.Summary(), PrivacyAuditActions.Actor, at, null, null), cancellationToken).ConfigureAwait(false);
        }

        var total = ErasureResult.From(counts);
        LogErased(logger, total.Cases, total.Escalations, total.Notifications, total.CardPosts, total.ChecklistRows, total.ShareTargets, total.References);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure: {Cases} cases, {Escalations} escalations, {Notifications} notifications and {Posts} posted cards pseudonymised or removed; {ChecklistRows} checklist rows, {ShareTargets} share targets, {References} conversation references deleted.")]
    private static partial void LogErased(ILogger logger, int cases, int escalations, int notifications, int posts, int checklistRows, int shareTargets, int references);
}
