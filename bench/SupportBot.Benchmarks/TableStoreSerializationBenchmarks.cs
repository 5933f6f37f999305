using System.Reflection;
using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using SupportBot.Storage.State;
using SupportBot.Storage.Tables;

namespace SupportBot.Benchmarks;

/// <summary>
/// The Table store's (de)serialisation of a real conversation state mid-triage (captured by the load tool:
/// state-mid-triage.json): JSON with the allow-listed type names, and the entity it is stored as.
/// </summary>
[MemoryDiagnoser]
public class TableStoreSerializationBenchmarks
{
    private Func<object, byte[]> _toJson = null!;
    private Func<byte[], object?> _fromJson = null!;
    private Func<string, string, IReadOnlyList<byte[]>, TableEntity> _toEntity = null!;
    private Func<TableEntity, string, byte[]?> _fromEntity = null!;
    private byte[] _json = null!;
    private object _state = null!;
    private TableEntity _entity = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The serializer and entity layout are internal to the bot; delegates bound once, so no reflection is measured.
        var storage = typeof(TableStorage).Assembly;
        var serializer = storage.GetType("SupportBot.Storage.State.StorageSerializer", throwOnError: true)!;
        var entity = storage.GetType("SupportBot.Storage.State.StateEntity", throwOnError: true)!;
        _toJson = Bind<Func<object, byte[]>>(serializer, "ToUtf8Json");
        _fromJson = Bind<Func<byte[], object?>>(serializer, "FromUtf8Json");
        _toEntity = Bind<Func<string, string, IReadOnlyList<byte[]>, TableEntity>>(entity, "Create");
        _fromEntity = Bind<Func<TableEntity, string, byte[]?>>(entity, "ReadValue");
        _json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "state-mid-triage.json"));
        _state = _fromJson(_json) ?? throw new InvalidOperationException("The sample state did not deserialize.");
        _entity = _toEntity("msteams|conversations|a-sample", "msteams/conversations/a:sample", [_json]);
    }

    [Benchmark(Description = "state → JSON (write path)")]
    public byte[] Serialize() => _toJson(_state);

    [Benchmark(Description = "JSON → state (read path)")]
    public object? Deserialize() => _fromJson(_json);

    [Benchmark(Description = "state → JSON → entity")]
    public TableEntity SerializeToEntity() => _toEntity("msteams|conversations|a-sample", "msteams/conversations/a:sample", [_toJson(_state)]);

    [Benchmark(Description = "entity → JSON → state")]
    public object? DeserializeFromEntity() => _fromJson(_fromEntity(_entity, "msteams/conversations/a:sample")!);

    private static T Bind<T>(Type type, string method)
        where T : Delegate =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<T>();
}
