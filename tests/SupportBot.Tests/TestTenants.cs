using Microsoft.Bot.Schema;
using SupportBot.Dialogs.Organisations;

namespace SupportBot.Tests;

/// <summary>The tenants of the unit tests: a municipality's own tenant (one organisation), a shared one (two), and SKR's.</summary>
internal static class TestTenants
{
    /// <summary>Uppsala kommun's tenant: one organisation, so the triage never asks which.</summary>
    public const string A = "a0a0a0a0-0000-4000-8000-00000000000a";

    /// <summary>A tenant shared by Ale and Lerum: the triage shows both as buttons.</summary>
    public const string B = "b0b0b0b0-0000-4000-8000-00000000000b";

    /// <summary>SKR's tenant, where the advisers are.</summary>
    public const string Skr = "c0c0c0c0-0000-4000-8000-00000000000c";

    /// <summary>A tenant that never joined.</summary>
    public const string Stranger = "d0d0d0d0-0000-4000-8000-00000000000d";

    public const string CodeA = "0380";
    public const string NameA = "Uppsala kommun";
    public const string CodeB1 = "1440";
    public const string CodeB2 = "1441";

    public static TenantDirectory Directory { get; } = new(
        OrganisationDirectory.Load(),
        [
            new KeyValuePair<string, IReadOnlyList<string>>(A, [CodeA]),
            new KeyValuePair<string, IReadOnlyList<string>>(B, [CodeB1, CodeB2]),
        ],
        [Skr]);

    /// <summary>A conversation reference in <paramref name="tenantId"/>, as Teams states it (conversation and channel data).</summary>
    public static ConversationReference InTenant(this ConversationReference reference, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(reference);
        reference.Conversation ??= new ConversationAccount();
        reference.Conversation.TenantId = tenantId;
        return reference;
    }
}
