using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>An order update DTO for reflection-based STJ; enums stay strings, as a hand translation would leave them.</summary>
public sealed class NaiveOrderUpdate
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("c")] public string? ClientId { get; set; }
    [JsonPropertyName("S")] public string? Side { get; set; }
    [JsonPropertyName("o")] public string? OrderType { get; set; }
    [JsonPropertyName("f")] public string? TimeInForce { get; set; }
    [JsonPropertyName("q")] public decimal? Quantity { get; set; }
    [JsonPropertyName("Q")] public decimal? QuoteQuantity { get; set; }
    [JsonPropertyName("p")] public decimal? Price { get; set; }
    [JsonPropertyName("X")] public string? Status { get; set; }
    [JsonPropertyName("i")] public long OrderId { get; set; }
    [JsonPropertyName("t")] public long? TradeId { get; set; }
    [JsonPropertyName("l")] public decimal? FillQuantity { get; set; }
    [JsonPropertyName("L")] public decimal? FillPrice { get; set; }
    [JsonPropertyName("z")] public decimal? ExecutedQuantity { get; set; }
    [JsonPropertyName("Z")] public decimal? ExecutedQuoteQuantity { get; set; }
    [JsonPropertyName("m")] public bool? IsMaker { get; set; }
    [JsonPropertyName("n")] public decimal? Fee { get; set; }
    [JsonPropertyName("N")] public string? FeeSymbol { get; set; }
    [JsonPropertyName("V")] public string? SelfTradePrevention { get; set; }
    [JsonPropertyName("T")] public long EngineTime { get; set; }
    [JsonPropertyName("O")] public string? Origin { get; set; }
    [JsonPropertyName("r")] public bool? ReduceOnly { get; set; }
    [JsonPropertyName("y")] public bool? PostOnly { get; set; }
}
