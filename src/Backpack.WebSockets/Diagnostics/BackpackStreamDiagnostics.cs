namespace Backpack.WebSockets.Diagnostics;

/// <summary>
/// The names under which the client publishes metrics and traces, for <c>AddMeter</c> / <c>AddSource</c> in OpenTelemetry
/// or for a <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// </summary>
public static class BackpackStreamDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>Backpack.WebSockets</c>.</summary>
    public const string MeterName = "Backpack.WebSockets";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>Backpack.WebSockets</c>.</summary>
    public const string ActivitySourceName = "Backpack.WebSockets";

    /// <summary>
    /// The tag that carries the stream type (<c>trade</c>, <c>depth</c>, <c>account.orderUpdate</c>, …): the stream name
    /// without its symbol or interval, so the number of series stays small.
    /// </summary>
    public const string StreamTypeTag = "backpack.stream.type";

    /// <summary>The tag that carries the market symbol, used only by the order-book resync counter.</summary>
    public const string SymbolTag = "backpack.symbol";
}
