using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Engine.Runs;
using Scheduler.Engine.Triggers;

namespace Scheduler.Engine.Persistence;

/// <summary>The JSON columns' serializer (source generated, so the hot path does no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunSpec))]
[JsonSerializable(typeof(ScheduleCondition))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EngineJson : JsonSerializerContext
{
    public static string Write(RunSpec spec) => JsonSerializer.Serialize(spec, Default.RunSpec);

    public static RunSpec ReadSpec(string json) => JsonSerializer.Deserialize(json, Default.RunSpec)!;

    public static string Write(ScheduleCondition condition) => JsonSerializer.Serialize(condition, Default.ScheduleCondition);

    public static ScheduleCondition ReadCondition(string json) => JsonSerializer.Deserialize(json, Default.ScheduleCondition)!;

    public static string Write(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToList(), Default.ListString);

    public static List<string> ReadStrings(string json) => JsonSerializer.Deserialize(json, Default.ListString) ?? [];

    public static string Write(IEnumerable<int> values) => JsonSerializer.Serialize(values.ToList(), Default.ListInt32);

    public static List<int> ReadInts(string json) => JsonSerializer.Deserialize(json, Default.ListInt32) ?? [];

    public static string Write(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(values), Default.DictionaryStringString);

    public static Dictionary<string, string> ReadMap(string json) =>
        JsonSerializer.Deserialize(json, Default.DictionaryStringString) ?? [];
}
