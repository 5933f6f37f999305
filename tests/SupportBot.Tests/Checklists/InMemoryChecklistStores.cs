using System.Globalization;
using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Checklists;
using SupportBot.Testing;

namespace SupportBot.Tests;

/// <summary>
/// Checklist progress in memory for unit tests, with the Table Storage contract (tested on Azurite): an insert fails
/// when the record exists, a replace when its ETag is stale; a failed write stores nothing.
/// </summary>
internal sealed class InMemoryChecklistProgress : IChecklistProgressStore
{
    private readonly Dictionary<(string Person, string Checklist), ChecklistProgress> _rows = [];
    private int _etag;

    /// <summary>Writes that were stored (conflicts excluded).</summary>
    public int Writes { get; private set; }

    /// <summary>Makes the next N saves lose against "another window" that wrote <see cref="Interloper"/> in between.</summary>
    public int ConflictsToInject { get; set; }

    public IReadOnlyList<string>? Interloper { get; set; }

    public Task<ChecklistProgress?> GetAsync(string personId, string checklistId, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult(_rows.GetValueOrDefault((personId, checklistId)));
        }
    }

    public Task<IReadOnlyList<ChecklistProgress>> ListAsync(string personId, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<ChecklistProgress>>(_rows.Values.Where(r => r.PersonId == personId).ToList());
        }
    }

    public Task<bool> SaveAsync(ChecklistProgress progress, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            var key = (progress.PersonId, progress.ChecklistId);
            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                _rows[key] = new ChecklistProgress(progress.PersonId, progress.ChecklistId, Interloper ?? [], progress.UpdatedAt) { ETag = NextETag() };
                return Task.FromResult(false);
            }

            var exists = _rows.TryGetValue(key, out var current);
            if (progress.ETag is null ? exists : !exists || current!.ETag != progress.ETag)
            {
                return Task.FromResult(false);
            }

            _rows[key] = progress with { ETag = NextETag() };
            Writes++;
            return Task.FromResult(true);
        }
    }

    /// <summary>Stores ticks directly, as an earlier session would have.</summary>
    public void Seed(string personId, string checklistId, params string[] ticked)
    {
        lock (_rows)
        {
            _rows[(personId, checklistId)] = new ChecklistProgress(personId, checklistId, ticked, DateTimeOffset.UnixEpoch) { ETag = NextETag() };
        }
    }

    private string NextETag() => "W/\"" + (++_etag).ToString(CultureInfo.InvariantCulture) + "\"";
}

/// <summary>Share targets in memory: per person, last writer wins (as in Table Storage).</summary>
internal sealed class InMemoryShareTargets : IShareTargetStore
{
    private readonly Dictionary<(string Person, string Key), ShareTarget> _rows = [];

    public Task SaveAsync(string personId, ShareTarget target, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            _rows[(personId, target.Key)] = target;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<ShareTarget>> ListAsync(string personId, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            return Task.FromResult<IReadOnlyList<ShareTarget>>(_rows.Where(r => r.Key.Person == personId).Select(r => r.Value).OrderByDescending(t => t.SeenAt).ToList());
        }
    }
}

/// <summary>Records what would be posted into other conversations; <see cref="Fails"/> makes posting fail.</summary>
internal sealed class RecordingPoster : IConversationPoster
{
    public RecordedCollection<(ConversationReference Conversation, IMessageActivity Message)> Posted { get; } = new();

    public bool Fails { get; set; }

    public Task<bool> PostAsync(ConversationReference conversation, IMessageActivity message, CancellationToken cancellationToken)
    {
        if (Fails)
        {
            return Task.FromResult(false);
        }

        Posted.Add((conversation, message));

        return Task.FromResult(true);
    }
}
