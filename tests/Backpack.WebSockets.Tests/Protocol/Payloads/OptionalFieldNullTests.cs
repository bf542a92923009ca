using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>
/// Every real frame parses: for each stream family, JSON <c>null</c> in each field the spec marks optional or nullable
/// gives an item with <see langword="null"/> there, never a parse failure (spec §5-§7, "may be null", "absent", "only if").
/// Families whose every key is always present (depth, bookTicker, trade, openInterest, liquidation, balanceUpdate) have
/// no such field; their required fields are covered by <see cref="PayloadParserContractTests"/>.
/// </summary>
public class OptionalFieldNullTests
{
    /// <summary>Per family: the optional keys, and what the spec frame's item looks like with all of them null.</summary>
    private static readonly Dictionary<string, (string[] Keys, Func<object, object> WithNulls)> s_optional = new()
    {
        ["ticker"] = (["v"], m => (Ticker)m with { BaseVolume = null }),
        ["kline"] = (["o", "h", "l", "c", "v"], m => (Kline)m with { Open = null, High = null, Low = null, Close = null, Volume = null }),
        ["markPrice"] = (["f", "i", "n"], m => (MarkPrice)m with { FundingRate = null, IndexPrice = null, NextFundingTime = null }),
        ["orderUpdate"] = (
            ["c", "q", "Q", "p", "P", "B", "a", "b", "j", "k", "d", "g", "Y", "R", "t", "l", "L", "m", "n", "N", "I", "H", "y", "r"],
            m => (OrderUpdate)m with
            {
                ClientOrderId = null, Quantity = null, QuoteQuantity = null, Price = null, TriggerPrice = null, TriggerBy = null,
                TakeProfitTriggerPrice = null, StopLossTriggerPrice = null, TakeProfitLimitPrice = null, StopLossLimitPrice = null,
                TakeProfitTriggerBy = null, StopLossTriggerBy = null, TriggerQuantity = null, ExpiryReason = null, TradeId = null,
                FillQuantity = null, FillPrice = null, IsMaker = null, Fee = null, FeeSymbol = null, RelatedOrderId = null,
                StrategyId = null, PostOnly = null, ReduceOnly = null,
            }),
        ["positionUpdate"] = (["e"], m => (PositionUpdate)m with { EventType = PositionEventType.Snapshot }),
        ["rfqUpdate"] = (
            ["u", "C", "S", "q", "Q", "p", "w", "W", "X", "o"],
            m => (RfqUpdate)m with
            {
                QuoteId = null, ClientId = null, Side = null, Quantity = null, QuoteQuantity = null, Price = null,
                SubmissionDeadline = null, Expiry = null, Status = null, SystemOrderType = null,
            }),
        ["externalTicker"] = (
            ["s", "E", "o", "c", "h", "l", "v", "V", "n"],
            m => new ExternalTicker { Symbol = "MU.US_USDC" }),
        ["stockPrice"] = (["symbol", "bid", "ask", "mid", "session"], m => (StockPrice)m with { Symbol = null, Bid = null, Ask = null, Mid = null, Session = null }),
        ["stockIndicativeQuote"] = (["estimatedBid", "estimatedAsk", "session"], m => new StockIndicativeQuote { Ticker = "NVDA" }),
    };

    public static TheoryData<string> Families => [.. s_optional.Keys];

    public static TheoryData<string, string> OptionalKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var (family, (keys, _)) in s_optional)
        {
            foreach (var key in keys)
            {
                data.Add(family, key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Parse_EveryOptionalFieldNull_ItemWithNulls(string family)
    {
        var parserCase = ParserCases.Get(family);
        var (keys, withNulls) = s_optional[family];
        var full = parserCase.Parse(DataOf(parserCase.Frame));

        var data = EditData(parserCase.Frame, p => p.Where(kv => !keys.Contains(kv.Key)).Concat(keys.Select(k => new KeyValuePair<string, string>(k, "null"))));

        Assert.Equal(withNulls(full), parserCase.Parse(data));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Parse_EveryOptionalFieldAbsent_SameAsNull(string family)
    {
        var parserCase = ParserCases.Get(family);
        var (keys, withNulls) = s_optional[family];
        var full = parserCase.Parse(DataOf(parserCase.Frame));

        var data = EditData(parserCase.Frame, p => p.Where(kv => !keys.Contains(kv.Key)));

        Assert.Equal(withNulls(full), parserCase.Parse(data));
    }

    [Theory]
    [MemberData(nameof(OptionalKeys))]
    public void Parse_OneOptionalFieldNull_Parses(string family, string key)
    {
        var parserCase = ParserCases.Get(family);

        var item = parserCase.Parse(WithField(parserCase.Frame, key, "null"));

        Assert.NotNull(item);
    }

    [Fact]
    public void Parse_EmptyCandleOfTheLiveCapture_ClosedWithNullPricesAndVolume()
    {
        // Spec §6.5: the close of a one-minute candle without trades; a parser that requires v drops it.
        var kline = KlineParser.Parse(DataOf(KlineEmptyCandleFrame), KlineInterval.OneMinute);

        Assert.Equal(
            new Kline
            {
                Symbol = "SOL_USDC",
                Interval = KlineInterval.OneMinute,
                EventTime = Us(1788368460000512),
                StartTime = new DateTimeOffset(2026, 9, 2, 17, 40, 0, TimeSpan.Zero),
                EndTime = new DateTimeOffset(2026, 9, 2, 17, 41, 0, TimeSpan.Zero),
                TradeCount = 0,
                IsClosed = true,
            },
            kline);
    }
}
