using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>A depth DTO for reflection-based STJ: levels as arrays of <c>[price, quantity]</c>.</summary>
public sealed class NaiveDepth
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("a")] public decimal[][]? Asks { get; set; }
    [JsonPropertyName("b")] public decimal[][]? Bids { get; set; }
    [JsonPropertyName("U")] public long FirstUpdateId { get; set; }
    [JsonPropertyName("u")] public long LastUpdateId { get; set; }
    [JsonPropertyName("T")] public long EngineTime { get; set; }
}
