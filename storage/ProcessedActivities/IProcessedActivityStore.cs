namespace SupportBot.Storage.ProcessedActivities;

/// <summary>What a claim on an incoming activity came to.</summary>
public enum ClaimOutcome
{
    /// <summary>First delivery: process it.</summary>
    Claimed,

    /// <summary>Delivered before (Teams or the Bot Connector retried, or another instance has it): do not process again.</summary>
    Duplicate,

    /// <summary>The store could not be asked (storage away): process it; the turn's own storage use decides what happens.</summary>
    Unavailable,
}

/// <summary>Remembers which activities were delivered, across instances, for a while (Table Storage in the bot).</summary>
public interface IProcessedActivityStore
{
    Task<ClaimOutcome> ClaimAsync(string conversationId, string activityId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives a claim back after a turn failed, so that the sender's retry is processed.</summary>
    Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Deletes claims that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
