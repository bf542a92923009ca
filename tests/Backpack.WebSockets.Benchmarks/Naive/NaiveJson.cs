using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>The reflection-based serializer options of the naive baselines (decimals arrive as strings).</summary>
internal static class NaiveJson
{
    public static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };
}
