using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.FastPath.FieldKind;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>The parsers with a compact fast path, with the field tables of spec §6.1-§6.3 and §7.2.</summary>
internal static class FastPathCases
{
    private static readonly string[] OrderEvents = ["orderAccepted", "orderCancelled", "orderExpired", "orderFill", "orderModified", "triggerPlaced", "triggerFailed"];
    private static readonly string[] TriggerBy = ["LastPrice", "MarkPrice", "IndexPrice"];

    public static readonly IReadOnlyList<FastPathCase> All =
    [
        new(
            "trade",
            d => TradeParser.TryParseFast(d, out var m) ? m : null,
            d => TradeParser.ParseGeneral(d),
            d => TradeParser.Parse(d),
            [SpecFrames.TradeFrame],
            [
                new("s", Symbol, true), new("E", Microseconds, true), new("T", Microseconds, true), new("p", FieldKind.Decimal, true),
                new("q", FieldKind.Decimal, true), new("t", FieldKind.Int64, true), new("b", FieldKind.Int64, true),
                new("a", FieldKind.Int64, true), new("m", FieldKind.Boolean, true),
            ],
            m => ((Trade)m).Symbol),
        new(
            "bookTicker",
            d => BookTickerParser.TryParseFast(d, out var m) ? m : null,
            d => BookTickerParser.ParseGeneral(d),
            d => BookTickerParser.Parse(d),
            [SpecFrames.BookTickerFrame],
            [
                new("s", Symbol, true), new("E", Microseconds, true), new("T", Microseconds, true), new("b", FieldKind.Decimal, true),
                new("B", FieldKind.Decimal, true), new("a", FieldKind.Decimal, true), new("A", FieldKind.Decimal, true),
                new("u", FieldKind.Int64, true),
            ],
            m => ((BookTicker)m).Symbol),
        new(
            "depth",
            d => DepthUpdateParser.TryParseFast(d, out var m) ? m : null,
            d => DepthUpdateParser.ParseGeneral(d),
            d => DepthUpdateParser.Parse(d),
            [SpecFrames.DepthDocsFrame, SpecFrames.DepthAggregatedFrame],
            [
                new("s", Symbol, true), new("E", Microseconds, true), new("T", Microseconds, true), new("U", FieldKind.Int64, true),
                new("u", FieldKind.Int64, true), new("b", Levels, true), new("a", Levels, true),
            ],
            m => ((DepthUpdate)m).Symbol),
        new(
            "orderUpdate",
            d => OrderUpdateParser.TryParseFast(d, out var m) ? m : null,
            d => OrderUpdateParser.ParseGeneral(d),
            d => OrderUpdateParser.Parse(d),
            [SpecFrames.OrderAcceptedFrame, SpecFrames.OrderFillFrame],
            [
                new("e", NullableEnum, false, OrderEvents), new("s", Symbol, true), new("E", Microseconds, true),
                new("T", Microseconds, true), new("i", FieldKind.Int64, true), new("c", NullableInt64, false),
                new("S", FieldKind.Enum, true, ["Bid", "Ask"]), new("o", FieldKind.Enum, true, ["LIMIT", "MARKET"]),
                new("f", FieldKind.Enum, true, ["GTC", "IOC", "FOK"]), new("q", NullableDecimal, false), new("Q", NullableDecimal, false),
                new("p", NullableDecimal, false), new("P", NullableDecimal, false), new("B", NullableEnum, false, TriggerBy),
                new("a", NullableDecimal, false), new("b", NullableDecimal, false), new("j", NullableDecimal, false),
                new("k", NullableDecimal, false), new("d", NullableEnum, false, TriggerBy), new("g", NullableEnum, false, TriggerBy),
                new("Y", NullableString, false),
                new("X", FieldKind.Enum, true, ["New", "PartiallyFilled", "Filled", "Cancelled", "Expired", "TriggerPending", "TriggerFailed"]),
                new("R", NullableSymbol, false), new("t", NullableInt64, false), new("l", NullableDecimal, false),
                new("z", FieldKind.Decimal, true), new("Z", FieldKind.Decimal, true), new("L", NullableDecimal, false),
                new("m", NullableBoolean, false), new("n", NullableDecimal, false), new("N", NullableSymbol, false),
                new("V", FieldKind.Enum, true, ["RejectTaker", "RejectMaker", "RejectBoth", "Allow"]),
                new("O", FieldKind.Enum, true, ["USER", "LIQUIDATION_AUTOCLOSE", "ADL_AUTOCLOSE", "COLLATERAL_CONVERSION", "SETTLEMENT_AUTOCLOSE", "BACKSTOP_LIQUIDITY_PROVIDER"]),
                new("I", NullableInt64, false), new("H", NullableInt64, false), new("y", NullableBoolean, false),
                new("r", NullableBoolean, false),
            ],
            m => ((OrderUpdate)m).Symbol),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var fastPathCase in All)
        {
            data.Add(fastPathCase.Name);
        }

        return data;
    }

    public static FastPathCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>The payloads (the <c>data</c> objects) of the case's spec frames, as on the wire.</summary>
    public static byte[][] GoldenPayloads(FastPathCase fastPathCase) => [.. fastPathCase.Frames.Select(SpecFrames.DataOf)];
}
