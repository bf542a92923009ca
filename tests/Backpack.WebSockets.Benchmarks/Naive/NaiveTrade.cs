using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>A trade as the Python guide's <c>json.loads</c> dictionary becomes in C#: a DTO for reflection-based STJ.</summary>
public sealed class NaiveTrade
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("q")] public decimal Quantity { get; set; }
    [JsonPropertyName("b")] public long BuyerOrderId { get; set; }
    [JsonPropertyName("a")] public long SellerOrderId { get; set; }
    [JsonPropertyName("t")] public long TradeId { get; set; }
    [JsonPropertyName("T")] public long EngineTime { get; set; }
    [JsonPropertyName("m")] public bool IsBuyerMaker { get; set; }
}
