using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SupportBot.Dialogs.Privacy;

/// <summary>"Privacy": the secret the bot's pseudonyms are keyed with.</summary>
public sealed class PseudonymOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>); a Key Vault reference in Azure. Required
    /// outside Development; in Development an empty key means a random one for this process (scripts/run.sh writes one
    /// to .data/, which git ignores, so that pseudonyms stay the same across local runs).
    /// </summary>
    public string PseudonymKey { get; set; } = string.Empty;
}

/// <summary>Fails the host's start when the key is missing (outside Development) or too short to be a key.</summary>
public sealed class PseudonymOptionsValidator(bool keyRequired) : IValidateOptions<PseudonymOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, PseudonymOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.PseudonymKey))
        {
            return keyRequired
                ? ValidateOptionsResult.Fail("Privacy:PseudonymKey is missing: set it to base64 of at least 32 random bytes (openssl rand -base64 32); in Azure it is the Key Vault secret PseudonymKey (infra/main.bicep).")
                : ValidateOptionsResult.Success;
        }

        return Pseudonyms.TryDecode(options.PseudonymKey) is not null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Privacy:PseudonymKey must be base64 of at least 32 bytes.");
    }
}

/// <summary>What a pseudonym stands in for; each purpose has its own key, so pseudonyms of one person do not link across purposes.</summary>
public enum PseudonymPurpose
{
    /// <summary>The reporter in the cases and escalations that stay after "radera mina uppgifter".</summary>
    Erasure,

    /// <summary>Whoever is not an adviser in the audit (a reporter adding information, a refused outsider).</summary>
    AuditActor,
}

/// <summary>
/// Stable, one-way stand-ins for people's ids: HMAC-SHA256 under a key derived per purpose (HKDF-SHA256) from one
/// configured secret. Without the secret nobody can recompute a pseudonym from a tenant's list of users, which the
/// unkeyed SHA-256 used before allowed.
/// </summary>
public sealed class Pseudonyms
{
    public const string ErasedPrefix = "erased:";
    public const string AuditActorPrefix = "user:";

    /// <summary>
    /// Hex digits after the prefix: longer than the unkeyed hashes written before (12 and 16), so a one-off migration
    /// tells old rows from new by length alone (docs/privacy.md).
    /// </summary>
    public const int ErasedLength = 16;

    public const int AuditActorLength = 20;

    private readonly byte[] _erasureKey;
    private readonly byte[] _auditActorKey;

    public Pseudonyms(IOptions<PseudonymOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = string.IsNullOrEmpty(options.Value.PseudonymKey)
            ? RandomNumberGenerator.GetBytes(MinimumKeyBytesForGenerated)
            : TryDecode(options.Value.PseudonymKey) ?? throw new OptionsValidationException(
                PseudonymOptions.SectionName, typeof(PseudonymOptions), ["Privacy:PseudonymKey must be base64 of at least 32 bytes."]);
        _erasureKey = Derive(secret, PseudonymPurpose.Erasure);
        _auditActorKey = Derive(secret, PseudonymPurpose.AuditActor);
    }

    private static int MinimumKeyBytesForGenerated => PseudonymOptionsValidator.MinimumKeyBytes;

    /// <summary>The reporter's stand-in in erased cases: the same for all their cases, so counts stay right.</summary>
    public string Erased(string personId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        return ErasedPrefix + Hex(_erasureKey, personId, ErasedLength);
    }

    /// <summary>A non-adviser actor in the audit (an absent id is one stand-in of its own).</summary>
    public string AuditActor(string? id) => AuditActorPrefix + Hex(_auditActorKey, id ?? string.Empty, AuditActorLength);

    internal static byte[]? TryDecode(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= PseudonymOptionsValidator.MinimumKeyBytes
            ? bytes[..length]
            : null;
    }

    private static byte[] Derive(byte[] secret, PseudonymPurpose purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: Encoding.UTF8.GetBytes("SupportBot pseudonym v1: " + purpose));

    private static string Hex(byte[] key, string id, int length) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)))[..length];
}
