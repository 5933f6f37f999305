using SupportBot.Dialogs.Content;

namespace SupportBot.Dialogs.Subscriptions;

/// <summary>What a subscriber has not heard about: items that are new or have a higher version than they last saw.</summary>
public static class DigestPlan
{
    public static IReadOnlyDictionary<string, int> VersionsOf(IContentVersions content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Items.ToDictionary(i => i.Key, i => i.Version, StringComparer.Ordinal);
    }

    /// <summary>The changed items in content order; empty when the person has seen this version set (or only removals happened).</summary>
    public static IReadOnlyList<VersionedItem> Changes(Subscription subscription, IContentVersions content)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(content);
        if (subscription.SeenHash == content.VersionHash)
        {
            return [];
        }

        return content.Items
            .Where(i => !subscription.SeenVersions.TryGetValue(i.Key, out var seen) || seen < i.Version)
            .ToList();
    }
}
