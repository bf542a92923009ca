using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>One parser with a spec frame and the keys the spec marks as always present.</summary>
internal sealed record ParserCase(string Name, Func<byte[], object> Parse, string Frame, string[] RequiredKeys);

/// <summary>Every payload parser, for the contract tests that hold for all of them.</summary>
internal static class ParserCases
{
    public static readonly IReadOnlyList<ParserCase> All =
    [
        new("depth", d => DepthUpdateParser.Parse(d), SpecFrames.DepthDocsFrame, ["E", "T", "s", "U", "u", "a", "b"]),
        new("bookTicker", d => BookTickerParser.Parse(d), SpecFrames.BookTickerFrame, ["E", "T", "s", "a", "A", "b", "B", "u"]),
        new("trade", d => TradeParser.Parse(d), SpecFrames.TradeFrame, ["E", "T", "s", "p", "q", "t", "a", "b", "m"]),
        new("ticker", d => TickerParser.Parse(d), SpecFrames.TickerFrame, ["E", "s", "o", "c", "h", "l", "v", "V", "n"]),
        new("kline", d => KlineParser.Parse(d, KlineInterval.TwoHours), SpecFrames.KlineFrame, ["E", "s", "t", "T", "v", "n", "X"]),
        new("markPrice", d => MarkPriceParser.Parse(d), SpecFrames.MarkPriceFrame, ["E", "T", "s", "p"]),
        new("openInterest", d => OpenInterestParser.Parse(d), SpecFrames.OpenInterestFrame, ["E", "s", "o"]),
        new("liquidation", d => LiquidationParser.Parse(d), SpecFrames.LiquidationFrame, ["E", "T", "s", "p", "q", "S"]),
        new("orderUpdate", d => OrderUpdateParser.Parse(d), SpecFrames.OrderFillFrame, ["E", "T", "s", "S", "o", "f", "X", "i", "z", "Z", "V", "O"]),
        new("positionUpdate", d => PositionUpdateParser.Parse(d), SpecFrames.PositionLiveFrame, ["E", "T", "s", "b", "B", "f", "M", "m", "q", "Q", "n", "i", "p", "P"]),
        new("balanceUpdate", d => BalanceUpdateParser.Parse(d), SpecFrames.BalanceFrame, ["E", "T", "a", "A", "L", "S"]),
        new("rfqUpdate", d => RfqUpdateParser.Parse(d), SpecFrames.RfqFrame, ["E", "T", "s", "R"]),
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
