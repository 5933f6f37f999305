using System.Collections.Frozen;
using System.Collections.ObjectModel;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace SupportBot.Storage.State;

/// <summary>
/// Lets stored JSON name only types we expect in bot state, so a tampered row can never make
/// <c>TypeNameHandling</c> instantiate an arbitrary type (the classic Json.NET gadget attack).
/// </summary>
/// <remarks>
/// Allowed: types from our <c>SupportBot.*</c> assemblies and the SDK's <c>Microsoft.Bot.*</c> assemblies,
/// primitives and the common generic collections of the base library, and Json.NET's JToken types — and generic
/// types and arrays only when every type argument is allowed too. Anything else fails when written (so a bad type
/// is found in development, not when it is read back) and when read.
/// </remarks>
internal sealed class AllowListSerializationBinder : ISerializationBinder
{
    public static readonly AllowListSerializationBinder Instance = new();

    private static readonly string[] s_allowedAssemblyPrefixes = ["SupportBot.", "Microsoft.Bot."];

    private static readonly FrozenSet<Type> s_allowedBaseTypes = new[]
    {
        typeof(object), typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte),
        typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal),
        typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan),
        typeof(Guid), typeof(Uri), typeof(Nullable<>),
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(KeyValuePair<,>),
        typeof(SortedDictionary<,>), typeof(SortedSet<>), typeof(Queue<>), typeof(Stack<>), typeof(LinkedList<>),
        typeof(Collection<>), typeof(ReadOnlyCollection<>),
        typeof(JToken), typeof(JObject), typeof(JArray), typeof(JValue),
    }.ToFrozenSet();

    // Checked before resolving, so a stored type name cannot even make us load an unexpected assembly.
    private static readonly FrozenSet<string> s_allowedBaseAssemblies =
        s_allowedBaseTypes.Select(t => t.Assembly.GetName().Name!).ToFrozenSet(StringComparer.Ordinal);

    private readonly DefaultSerializationBinder _resolver = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (assemblyName is null || !IsAllowedAssembly(assemblyName))
        {
            throw NotAllowed(typeName);
        }

        var type = _resolver.BindToType(assemblyName, typeName);
        return IsAllowed(type) ? type : throw NotAllowed(typeName);
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        ArgumentNullException.ThrowIfNull(serializedType);
        if (!IsAllowed(serializedType))
        {
            throw NotAllowed(serializedType.FullName ?? serializedType.Name);
        }

        _resolver.BindToName(serializedType, out assemblyName, out typeName);
    }

    internal static bool IsAllowed(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsArray)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsConstructedGenericType)
        {
            return IsAllowed(type.GetGenericTypeDefinition()) && type.GenericTypeArguments.All(IsAllowed);
        }

        return s_allowedBaseTypes.Contains(type) || IsOurs(type.Assembly.GetName().Name);
    }

    private static bool IsAllowedAssembly(string assemblyName)
    {
        // "Name" or "Name, Version=…, Culture=…, PublicKeyToken=…" (data written with the full format).
        var simpleName = assemblyName.Split(',', 2)[0].Trim();
        return s_allowedBaseAssemblies.Contains(simpleName) || IsOurs(simpleName);
    }

    private static bool IsOurs(string? assemblyName) =>
        assemblyName is not null && s_allowedAssemblyPrefixes.Any(p => assemblyName.StartsWith(p, StringComparison.Ordinal));

    private static JsonSerializationException NotAllowed(string typeName) =>
        new($"Type '{typeName}' is not allowed in bot state. Allowed: SupportBot.* and Microsoft.Bot.* types, primitives, common collections, JObject/JArray.");
}
