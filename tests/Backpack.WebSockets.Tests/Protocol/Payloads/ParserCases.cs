using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>One parser with a spec frame and the keys the spec marks as always present.</summary>
/// <param name="Name">The payload's name, as in the parser's error messages and in stream names.</param>
/// <param name="Parse">Runs the parser.</param>
/// <param name="Frame">A whole frame of the spec.</param>
/// <param name="RequiredKeys">The keys whose absence fails the frame.</param>
/// <param name="TimeKey">The key of the payload's integer timestamp, or <see langword="null"/> if it has none.</param>
/// <param name="StringKey">A key whose value is a string read through the string cache (the symbol, the asset).</param>
internal sealed record ParserCase(string Name, Func<byte[], object> Parse, string Frame, string[] RequiredKeys, string? TimeKey = "E", string StringKey = "s");

/// <summary>Every payload parser, for the contract tests that hold for all of them.</summary>
internal static class ParserCases
{
    public static readonly IReadOnlyList<ParserCase> All =
    [
        new("depth", d => DepthUpdateParser.Parse(d), SpecFrames.DepthDocsFrame, ["E", "T", "s", "U", "u", "a", "b"]),
        new("bookTicker", d => BookTickerParser.Parse(d), SpecFrames.BookTickerFrame, ["E", "T", "s", "a", "A", "b", "B", "u"]),
        new("trade", d => TradeParser.Parse(d), SpecFrames.TradeFrame, ["E", "T", "s", "p", "q", "t", "a", "b", "m"]),
        new("ticker", d => TickerParser.Parse(d), SpecFrames.TickerFrame, ["E", "s", "o", "c", "h", "l", "V", "n"]),
        new("kline", d => KlineParser.Parse(d, KlineInterval.TwoHours), SpecFrames.KlineFrame, ["E", "s", "t", "T", "n", "X"]),
        new("markPrice", d => MarkPriceParser.Parse(d), SpecFrames.MarkPriceFrame, ["E", "T", "s", "p"]),
        new("openInterest", d => OpenInterestParser.Parse(d), SpecFrames.OpenInterestFrame, ["E", "s", "o"]),
        new("liquidation", d => LiquidationParser.Parse(d), SpecFrames.LiquidationFrame, ["E", "T", "s", "p", "q", "S"]),
        new("orderUpdate", d => OrderUpdateParser.Parse(d), SpecFrames.OrderFillFrame, ["E", "T", "s", "S", "o", "f", "X", "i", "z", "Z", "V", "O"]),
        new("positionUpdate", d => PositionUpdateParser.Parse(d), SpecFrames.PositionLiveFrame, ["E", "T", "s", "b", "B", "f", "M", "m", "q", "Q", "n", "i", "p", "P"]),
        new("balanceUpdate", d => BalanceUpdateParser.Parse(d), SpecFrames.BalanceFrame, ["E", "T", "a", "A", "L", "S"], StringKey: "a"),
        new("rfqUpdate", d => RfqUpdateParser.Parse(d), SpecFrames.RfqFrame, ["E", "T", "s", "R"]),

        // No official field list for the provider streams (spec §6.9-6.11, §13): nothing but stockPrice's timestamp is required.
        new("externalTicker", d => ExternalTickerParser.Parse(d, "MU.US_USDC"), SpecFrames.ExternalTickerFrame, []),
        new("stockPrice", d => StockPriceParser.Parse(d, "NVDA"), SpecFrames.StockPriceFrame, ["timestamp"], TimeKey: "timestamp", StringKey: "session"),
        new("stockIndicativeQuote", d => StockIndicativeQuoteParser.Parse(d, "NVDA"), SpecFrames.StockIndicativeQuoteFrame, [], TimeKey: null, StringKey: "session"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var parserCase in All)
        {
            data.Add(parserCase.Name);
        }

        return data;
    }

    /// <summary>The parsers whose payload has an integer timestamp.</summary>
    public static TheoryData<string> NamesWithTime()
    {
        var data = new TheoryData<string>();
        foreach (var parserCase in All.Where(c => c.TimeKey is not null))
        {
            data.Add(parserCase.Name);
        }

        return data;
    }

    public static TheoryData<string, string> RequiredFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var parserCase in All)
        {
            foreach (var key in parserCase.RequiredKeys)
            {
                data.Add(parserCase.Name, key);
            }
        }

        return data;
    }

    public static ParserCase Get(string name) => All.Single(c => c.Name == name);
}
