using System.Globalization;
using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Writes the <c>data</c> object of a frame from one of the client library's models, exactly as the live exchange
/// spells it (spec §6, §7): event and engine times in Unix microseconds, RFQ deadlines and the next funding time in
/// milliseconds, kline times as zone-less ISO-8601 UTC, prices and quantities as decimal strings, order ids as
/// strings, and keys in the server's (ordinal) order.
/// </summary>
/// <remarks>
/// Times finer than the wire unit are truncated (the wire cannot carry them). Optional fields that are
/// <see langword="null"/> are left out, except where the exchange sends <c>null</c>: the order update's <c>t</c>, the
/// prices and volume of a kline without trades, the ticker's <c>v</c>, and the values of the provider streams
/// (<c>externalTicker</c>, <c>stockPrice</c>, <c>stockIndicativeQuote</c>). The two stock streams carry their ticker
/// only in the stream name.
/// </remarks>
internal static class ModelPayloads
{
    /// <summary>Writes the properties of <paramref name="item"/>'s payload (the caller opens and closes the object).</summary>
    /// <exception cref="ArgumentException"><paramref name="item"/> is not a stream model, or holds an enum value the wire cannot spell.</exception>
    public static void Write<T>(Utf8JsonWriter writer, T item)
    {
        switch (item)
        {
            case Trade trade: WriteTrade(writer, trade); break;
            case DepthUpdate depth: WriteDepth(writer, depth); break;
            case BookTicker bookTicker: WriteBookTicker(writer, bookTicker); break;
            case Ticker ticker: WriteTicker(writer, ticker); break;
            case Kline kline: WriteKline(writer, kline); break;
            case MarkPrice markPrice: WriteMarkPrice(writer, markPrice); break;
            case OpenInterest openInterest: WriteOpenInterest(writer, openInterest); break;
            case Liquidation liquidation: WriteLiquidation(writer, liquidation); break;
            case OrderUpdate order: WriteOrderUpdate(writer, order); break;
            case PositionUpdate position: WritePositionUpdate(writer, position); break;
            case BalanceUpdate balance: WriteBalanceUpdate(writer, balance); break;
            case RfqUpdate rfq: WriteRfqUpdate(writer, rfq); break;
            case ExternalTicker externalTicker: WriteExternalTicker(writer, externalTicker); break;
            case StockPrice stockPrice: WriteStockPrice(writer, stockPrice); break;
            case StockIndicativeQuote quote: WriteStockIndicativeQuote(writer, quote); break;
            default: throw new ArgumentException($"{typeof(T).Name} is not a Backpack stream model.", nameof(item));
        }
    }

    private static void WriteTrade(Utf8JsonWriter writer, Trade trade)
    {
        Micros(writer, "E", trade.EventTime);
        Micros(writer, "T", trade.EngineTime);
        Id(writer, "a", trade.SellerOrderId);
        Id(writer, "b", trade.BuyerOrderId);
        writer.WriteString("e", "trade");
        writer.WriteBoolean("m", trade.IsBuyerMaker);
        Decimal(writer, "p", trade.Price);
        Decimal(writer, "q", trade.Quantity);
        writer.WriteString("s", trade.Symbol);
        writer.WriteNumber("t", trade.TradeId);
    }

    private static void WriteDepth(Utf8JsonWriter writer, DepthUpdate depth)
    {
        Micros(writer, "E", depth.EventTime);
        Micros(writer, "T", depth.EngineTime);
        writer.WriteNumber("U", depth.FirstUpdateId);
        JsonFrames.WriteLevels(writer, "a", depth.Asks, level => (level.Price, level.Quantity));
        JsonFrames.WriteLevels(writer, "b", depth.Bids, level => (level.Price, level.Quantity));
        writer.WriteString("e", "depth");
        writer.WriteString("s", depth.Symbol);
        writer.WriteNumber("u", depth.LastUpdateId);
    }

    private static void WriteBookTicker(Utf8JsonWriter writer, BookTicker bookTicker)
    {
        Decimal(writer, "A", bookTicker.BestAskQuantity);
        Decimal(writer, "B", bookTicker.BestBidQuantity);
        Micros(writer, "E", bookTicker.EventTime);
        Micros(writer, "T", bookTicker.EngineTime);
        Decimal(writer, "a", bookTicker.BestAskPrice);
        Decimal(writer, "b", bookTicker.BestBidPrice);
        writer.WriteString("e", "bookTicker");
        writer.WriteString("s", bookTicker.Symbol);
        writer.WriteNumber("u", bookTicker.UpdateId);
    }

    private static void WriteTicker(Utf8JsonWriter writer, Ticker ticker)
    {
        Micros(writer, "E", ticker.EventTime);
        Decimal(writer, "V", ticker.QuoteVolume);
        Decimal(writer, "c", ticker.Close);
        writer.WriteString("e", "ticker");
        Decimal(writer, "h", ticker.High);
        Decimal(writer, "l", ticker.Low);
        writer.WriteNumber("n", ticker.TradeCount);
        Decimal(writer, "o", ticker.Open);
        writer.WriteString("s", ticker.Symbol);
        NullableDecimal(writer, "v", ticker.BaseVolume, writeNull: true);
    }

    private static void WriteKline(Utf8JsonWriter writer, Kline kline)
    {
        // The interval is not in the payload: the client takes it from the stream name (spec §6.5).
        Micros(writer, "E", kline.EventTime);
        IsoUtc(writer, "T", kline.EndTime);
        writer.WriteBoolean("X", kline.IsClosed);
        NullableDecimal(writer, "c", kline.Close, writeNull: true);
        writer.WriteString("e", "kline");
        NullableDecimal(writer, "h", kline.High, writeNull: true);
        NullableDecimal(writer, "l", kline.Low, writeNull: true);
        writer.WriteNumber("n", kline.TradeCount);
        NullableDecimal(writer, "o", kline.Open, writeNull: true);
        writer.WriteString("s", kline.Symbol);
        IsoUtc(writer, "t", kline.StartTime);
        NullableDecimal(writer, "v", kline.Volume, writeNull: true);
    }

    private static void WriteMarkPrice(Utf8JsonWriter writer, MarkPrice markPrice)
    {
        Micros(writer, "E", markPrice.EventTime);
        Micros(writer, "T", markPrice.EngineTime);
        writer.WriteString("e", "markPrice");
        NullableDecimal(writer, "f", markPrice.FundingRate);
        NullableDecimal(writer, "i", markPrice.IndexPrice);
        NullableMillis(writer, "n", markPrice.NextFundingTime);
        Decimal(writer, "p", markPrice.Price);
        writer.WriteString("s", markPrice.Symbol);
    }

    private static void WriteOpenInterest(Utf8JsonWriter writer, OpenInterest openInterest)
    {
        Micros(writer, "E", openInterest.EventTime);
        writer.WriteString("e", "openInterest");
        Decimal(writer, "o", openInterest.Quantity);
        writer.WriteString("s", openInterest.Symbol);
    }

    private static void WriteLiquidation(Utf8JsonWriter writer, Liquidation liquidation)
    {
        Micros(writer, "E", liquidation.EventTime);
        writer.WriteString("S", WireNames.Of(liquidation.Side));
        Micros(writer, "T", liquidation.EngineTime);
        writer.WriteString("e", "liquidation");
        Decimal(writer, "p", liquidation.Price);
        Decimal(writer, "q", liquidation.Quantity);
        writer.WriteString("s", liquidation.Symbol);
    }

    private static void WriteOrderUpdate(Utf8JsonWriter writer, OrderUpdate order)
    {
        NullableEnum(writer, "B", order.TriggerBy, WireNames.Of);
        Micros(writer, "E", order.EventTime);
        NullableId(writer, "H", order.StrategyId, asString: false);
        NullableId(writer, "I", order.RelatedOrderId, asString: true);
        NullableDecimal(writer, "L", order.FillPrice);
        NullableString(writer, "N", order.FeeSymbol);
        writer.WriteString("O", WireNames.Of(order.Origin));
        NullableDecimal(writer, "P", order.TriggerPrice);
        NullableDecimal(writer, "Q", order.QuoteQuantity);
        NullableString(writer, "R", order.ExpiryReason);
        writer.WriteString("S", WireNames.Of(order.Side));
        Micros(writer, "T", order.EngineTime);
        writer.WriteString("V", WireNames.Of(order.SelfTradePrevention));
        writer.WriteString("X", WireNames.Of(order.Status));
        NullableString(writer, "Y", order.TriggerQuantity);
        Decimal(writer, "Z", order.ExecutedQuoteQuantity);
        NullableDecimal(writer, "a", order.TakeProfitTriggerPrice);
        NullableDecimal(writer, "b", order.StopLossTriggerPrice);
        NullableId(writer, "c", order.ClientOrderId, asString: false);
        NullableEnum(writer, "d", order.TakeProfitTriggerBy, WireNames.Of);
        writer.WriteString("e", WireNames.Of(order.EventType));
        writer.WriteString("f", WireNames.Of(order.TimeInForce));
        NullableEnum(writer, "g", order.StopLossTriggerBy, WireNames.Of);
        Id(writer, "i", order.OrderId);
        NullableDecimal(writer, "j", order.TakeProfitLimitPrice);
        NullableDecimal(writer, "k", order.StopLossLimitPrice);
        NullableDecimal(writer, "l", order.FillQuantity);
        NullableBoolean(writer, "m", order.IsMaker);
        NullableDecimal(writer, "n", order.Fee);
        writer.WriteString("o", WireNames.Of(order.OrderType));
        NullableDecimal(writer, "p", order.Price);
        NullableDecimal(writer, "q", order.Quantity);
        NullableBoolean(writer, "r", order.ReduceOnly);
        writer.WriteString("s", order.Symbol);
        NullableId(writer, "t", order.TradeId, asString: false, writeNull: true);
        NullableBoolean(writer, "y", order.PostOnly);
        Decimal(writer, "z", order.ExecutedQuantity);
    }

    private static void WritePositionUpdate(Utf8JsonWriter writer, PositionUpdate position)
    {
        Decimal(writer, "B", position.EntryPrice);
        Micros(writer, "E", position.EventTime);
        Decimal(writer, "M", position.MarkPrice);
        Decimal(writer, "P", position.UnrealizedPnl);
        Decimal(writer, "Q", position.NetExposureQuantity);
        Micros(writer, "T", position.EngineTime);
        Decimal(writer, "b", position.BreakEvenPrice);
        NullableString(writer, "e", WireNames.Of(position.EventType));
        Decimal(writer, "f", position.InitialMarginFraction);
        writer.WriteNumber("i", position.PositionId);
        writer.WriteString("l", "0"); // the deprecated liquidation-price placeholder, always "0" (spec §7.3)
        Decimal(writer, "m", position.MaintenanceMarginFraction);
        Decimal(writer, "n", position.NetExposureNotional);
        Decimal(writer, "p", position.RealizedPnl);
        Decimal(writer, "q", position.NetQuantity);
        writer.WriteString("s", position.Symbol);
    }

    private static void WriteBalanceUpdate(Utf8JsonWriter writer, BalanceUpdate balance)
    {
        Decimal(writer, "A", balance.Available);
        Micros(writer, "E", balance.EventTime);
        Decimal(writer, "L", balance.Locked);
        Decimal(writer, "S", balance.Staked);
        Micros(writer, "T", balance.EngineTime);
        writer.WriteString("a", balance.Asset);
        writer.WriteString("e", "balanceUpdate");
    }

    private static void WriteRfqUpdate(Utf8JsonWriter writer, RfqUpdate rfq)
    {
        NullableString(writer, "C", rfq.ClientId);
        Micros(writer, "E", rfq.EventTime);
        NullableDecimal(writer, "Q", rfq.QuoteQuantity);
        writer.WriteNumber("R", rfq.RfqId);
        NullableEnum(writer, "S", rfq.Side, WireNames.Of);
        Micros(writer, "T", rfq.EngineTime);
        NullableMillis(writer, "W", rfq.Expiry);
        NullableEnum(writer, "X", rfq.Status, WireNames.Of);
        writer.WriteString("e", WireNames.Of(rfq.EventType));
        NullableString(writer, "o", rfq.SystemOrderType);
        NullableDecimal(writer, "p", rfq.Price);
        NullableDecimal(writer, "q", rfq.Quantity);
        writer.WriteString("s", rfq.Symbol);
        NullableId(writer, "u", rfq.QuoteId, asString: false);
        NullableMillis(writer, "w", rfq.SubmissionDeadline);
    }

    private static void WriteExternalTicker(Utf8JsonWriter writer, ExternalTicker ticker)
    {
        // The keys of ticker (spec §6.9); the trade count only when there is one, since no source shows it.
        NullableMicros(writer, "E", ticker.EventTime);
        NullableDecimal(writer, "V", ticker.QuoteVolume, writeNull: true);
        NullableDecimal(writer, "c", ticker.Close, writeNull: true);
        writer.WriteString("e", "externalTicker");
        NullableDecimal(writer, "h", ticker.High, writeNull: true);
        NullableDecimal(writer, "l", ticker.Low, writeNull: true);
        NullableId(writer, "n", ticker.TradeCount, asString: false);
        NullableDecimal(writer, "o", ticker.Open, writeNull: true);
        writer.WriteString("s", ticker.Symbol);
        NullableDecimal(writer, "v", ticker.BaseVolume, writeNull: true);
    }

    private static void WriteStockPrice(Utf8JsonWriter writer, StockPrice price)
    {
        // The long key names community readers use (spec §6.10); timestamp in milliseconds.
        NullableDecimal(writer, "ask", price.Ask, writeNull: true);
        NullableDecimal(writer, "bid", price.Bid, writeNull: true);
        NullableDecimal(writer, "mid", price.Mid, writeNull: true);
        NullableString(writer, "session", price.Session, writeNull: true);
        NullableString(writer, "symbol", price.Symbol);
        writer.WriteNumber("timestamp", price.Timestamp.ToUnixTimeMilliseconds());
    }

    private static void WriteStockIndicativeQuote(Utf8JsonWriter writer, StockIndicativeQuote quote)
    {
        NullableDecimal(writer, "estimatedAsk", quote.EstimatedAsk, writeNull: true);
        NullableDecimal(writer, "estimatedBid", quote.EstimatedBid, writeNull: true);
        NullableString(writer, "session", quote.Session, writeNull: true);
    }

    private static void Micros(Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteNumber(name, time.ToUnixMicroseconds());

    private static void NullableMicros(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            Micros(writer, name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void NullableMillis(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteNumber(name, value.ToUnixTimeMilliseconds());
        }
    }

    // Whole seconds print without a fraction, as the live server does; finer times keep their ticks.
    private static void IsoUtc(Utf8JsonWriter writer, string name, DateTimeOffset time) =>
        writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

    // The invariant spelling keeps the decimal's scale, so "18.70" goes out as "18.70".
    private static void Decimal(Utf8JsonWriter writer, string name, decimal value) =>
        writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes a decimal string, or nothing (or <c>null</c> with <paramref name="writeNull"/>) for <see langword="null"/>.</summary>
    internal static void NullableDecimal(Utf8JsonWriter writer, string name, decimal? value, bool writeNull = false)
    {
        if (value is { } present)
        {
            Decimal(writer, name, present);
        }
        else if (writeNull)
        {
            writer.WriteNull(name);
        }
    }

    // Order ids travel as strings; trade ids, client ids and strategy ids as numbers (spec §5, §7.2).
    private static void Id(Utf8JsonWriter writer, string name, long id) =>
        writer.WriteString(name, id.ToString(CultureInfo.InvariantCulture));

    private static void NullableId(Utf8JsonWriter writer, string name, long? id, bool asString, bool writeNull = false)
    {
        if (id is not { } value)
        {
            if (writeNull)
            {
                writer.WriteNull(name);
            }
        }
        else if (asString)
        {
            Id(writer, name, value);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>Writes a string, or nothing (or <c>null</c> with <paramref name="writeNull"/>) for <see langword="null"/>.</summary>
    internal static void NullableString(Utf8JsonWriter writer, string name, string? value, bool writeNull = false)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
        else if (writeNull)
        {
            writer.WriteNull(name);
        }
    }

    private static void NullableBoolean(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } present)
        {
            writer.WriteBoolean(name, present);
        }
    }

    private static void NullableEnum<TEnum>(Utf8JsonWriter writer, string name, TEnum? value, Func<TEnum, string> spell)
        where TEnum : struct, Enum
    {
        if (value is { } present)
        {
            writer.WriteString(name, spell(present));
        }
    }
}
