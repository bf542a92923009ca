using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>A bookTicker DTO for reflection-based STJ.</summary>
public sealed class NaiveBookTicker
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("a")] public decimal AskPrice { get; set; }
    [JsonPropertyName("A")] public decimal AskQuantity { get; set; }
    [JsonPropertyName("b")] public decimal BidPrice { get; set; }
    [JsonPropertyName("B")] public decimal BidQuantity { get; set; }
    [JsonPropertyName("u")] public long UpdateId { get; set; }
    [JsonPropertyName("T")] public long EngineTime { get; set; }
}
