using System.Security.Cryptography;
using System.Text;

namespace SupportBot.Storage.Tables;

/// <summary>A SHA-256 hex key for an id that must not be stored as is (personal, or not key-safe).</summary>
internal static class KeyHash
{
    public static string Of(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
