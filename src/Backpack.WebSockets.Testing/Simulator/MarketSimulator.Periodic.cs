using System.Globalization;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

public sealed partial class MarketSimulator
{
    /// <summary>The wire format of kline times: ISO-8601 without a zone, UTC (spec §6.5).</summary>
    private const string KlineTimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>Adds a trade to the ticker, the candles and the open interest.</summary>
    private static void RecordTrade(MarketState state, long ticks, long lots, bool takerBuys)
    {
        state.LastPrice = ticks;
        state.TickerHigh = Math.Max(state.TickerHigh, ticks);
        state.TickerLow = Math.Min(state.TickerLow, ticks);
        state.VolumeLots += lots;
        state.QuoteVolume += state.Market.Price(ticks) * state.Market.Quantity(lots);
        state.TradeCount++;
        state.OpenInterestLots = Math.Max(0, state.OpenInterestLots + (takerBuys ? lots : -lots));
        foreach (var candle in state.Candles)
        {
            candle.Apply(ticks, lots);
        }
    }

    /// <summary>Publishes the final message (<c>X</c> true) of every candle that ended before this step, and opens the next.</summary>
    private void CloseDueCandles(MarketState state, DateTime now, FrameBatch batch)
    {
        foreach (var candle in state.Candles)
        {
            if (now >= candle.End)
            {
                batch.Add(candle.Stream, writer => WriteKline(writer, state.Market, candle, closed: true));
                candle.Reset(now);
            }
        }
    }

    /// <summary>Once per simulated second: <c>ticker</c>, the candles that trades changed, and <c>markPrice</c> for perpetuals.</summary>
    private void PublishEverySecond(MarketState state, FrameBatch batch)
    {
        var market = state.Market;
        batch.Add(state.TickerStream, writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteString("V", state.QuoteVolume.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("c", market.FormatPrice(state.LastPrice));
            writer.WriteString("e", "ticker");
            writer.WriteString("h", market.FormatPrice(state.TickerHigh));
            writer.WriteString("l", market.FormatPrice(state.TickerLow));
            writer.WriteNumber("n", state.TradeCount);
            writer.WriteString("o", market.FormatPrice(state.TickerOpen));
            writer.WriteString("s", market.Symbol);
            writer.WriteString("v", market.FormatQuantity(state.VolumeLots));
        });

        foreach (var candle in state.Candles.Where(candle => candle.Dirty))
        {
            batch.Add(candle.Stream, writer => WriteKline(writer, market, candle, closed: false));
            candle.Dirty = false;
        }

        if (market.IsPerpetual)
        {
            PublishMarkPrice(state, batch);
        }
    }

    /// <summary>Publishes <c>markPrice</c>: mark = mid rounded to the tick, index = exact mid, a small funding rate, next funding at the next hour (ms).</summary>
    private void PublishMarkPrice(MarketState state, FrameBatch batch)
    {
        var market = state.Market;
        var index = state.MidPrice;
        var mark = market.Price(market.ToTicks(index));
        var funding = 0.0000125m + decimal.Round((mark - index) / index, 7);
        var nextFundingMs = ((_engineTime / 3_600_000_000) + 1) * 3_600_000;
        batch.Add(state.MarkPriceStream, writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("e", "markPrice");
            writer.WriteString("f", funding.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("i", index.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("n", nextFundingMs);
            writer.WriteString("p", mark.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("s", market.Symbol);
        });
    }

    /// <summary>Publishes <c>openInterest</c> (every 60 simulated seconds, perpetuals).</summary>
    private void PublishOpenInterest(MarketState state, FrameBatch batch)
    {
        var market = state.Market;
        batch.Add(state.OpenInterestStream, writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteString("e", "openInterest");
            writer.WriteString("o", market.FormatQuantity(state.OpenInterestLots));
            writer.WriteString("s", market.Symbol);
        });
    }

    /// <summary>Publishes a <c>liquidation</c> event (the global stream) at the top of a random side.</summary>
    private void PublishLiquidation(MarketState state, FrameBatch batch)
    {
        var market = state.Market;
        var isBid = _random.Next(2) == 0;
        var ticks = state.Book.Side(isBid).Keys[0];
        var lots = RandomLots();
        batch.Add("liquidation", writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteString("S", isBid ? "Bid" : "Ask");
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("e", "liquidation");
            writer.WriteString("p", market.FormatPrice(ticks));
            writer.WriteString("q", market.FormatQuantity(lots));
            writer.WriteString("s", market.Symbol);
        });
    }

    /// <summary>Writes a kline payload (spec §6.5): naive-UTC ISO times, null prices and volume for a candle without trades.</summary>
    private void WriteKline(Utf8JsonWriter writer, SimulatedMarket market, Candle candle, bool closed)
    {
        writer.WriteNumber("E", _eventTime);
        writer.WriteString("T", candle.End.ToString(KlineTimeFormat, CultureInfo.InvariantCulture));
        writer.WriteBoolean("X", closed);
        WritePrice(writer, "c", market, candle.Close);
        writer.WriteString("e", "kline");
        WritePrice(writer, "h", market, candle.High);
        WritePrice(writer, "l", market, candle.Low);
        writer.WriteNumber("n", candle.Trades);
        WritePrice(writer, "o", market, candle.Open);
        writer.WriteString("s", market.Symbol);
        writer.WriteString("t", candle.Start.ToString(KlineTimeFormat, CultureInfo.InvariantCulture));
        if (candle.Trades == 0)
        {
            // A candle without trades sends its volume as null too, as the live exchange does (spec §6.5).
            writer.WriteNull("v");
        }
        else
        {
            writer.WriteString("v", market.FormatQuantity(candle.VolumeLots));
        }
    }

    private static void WritePrice(Utf8JsonWriter writer, string name, SimulatedMarket market, long? ticks)
    {
        if (ticks is { } value)
        {
            writer.WriteString(name, market.FormatPrice(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
