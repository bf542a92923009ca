using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>account.orderUpdate[.&lt;symbol&gt;]</c> frames (spec §7.2).</summary>
internal static class OrderUpdateParser
{
    /// <summary>Parses one <c>orderUpdate</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static OrderUpdate Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "orderUpdate", Read);

    private static OrderUpdate Read(ref Utf8JsonReader reader)
    {
        OrderEventType? eventType = null;
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        long? orderId = null;
        long? clientOrderId = null;
        Side? side = null;
        OrderType? orderType = null;
        TimeInForce? timeInForce = null;
        decimal? quantity = null;
        decimal? quoteQuantity = null;
        decimal? price = null;
        decimal? triggerPrice = null;
        TriggerBy? triggerBy = null;
        decimal? takeProfitTriggerPrice = null;
        decimal? stopLossTriggerPrice = null;
        decimal? takeProfitLimitPrice = null;
        decimal? stopLossLimitPrice = null;
        TriggerBy? takeProfitTriggerBy = null;
        TriggerBy? stopLossTriggerBy = null;
        string? triggerQuantity = null;
        OrderStatus? status = null;
        string? expiryReason = null;
        long? tradeId = null;
        decimal? fillQuantity = null;
        decimal? executedQuantity = null;
        decimal? executedQuoteQuantity = null;
        decimal? fillPrice = null;
        bool? isMaker = null;
        decimal? fee = null;
        string? feeSymbol = null;
        SelfTradePrevention? selfTradePrevention = null;
        OrderOrigin? origin = null;
        long? relatedOrderId = null;
        long? strategyId = null;
        bool? postOnly = null;
        bool? reduceOnly = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'e':
                    eventType = JsonFields.ReadNullableEnum(ref reader, "e", WireEnums.ToOrderEventType);
                    break;
                case (byte)'s':
                    symbol = JsonFields.ReadInterned(ref reader, "s");
                    break;
                case (byte)'E':
                    eventTime = JsonFields.ReadMicroseconds(ref reader, "E");
                    break;
                case (byte)'T':
                    engineTime = JsonFields.ReadMicroseconds(ref reader, "T");
                    break;
                case (byte)'i':
                    orderId = JsonFields.ReadInt64(ref reader, "i");
                    break;
                case (byte)'c':
                    clientOrderId = JsonFields.ReadNullableInt64(ref reader, "c");
                    break;
                case (byte)'S':
                    side = JsonFields.ReadEnum(ref reader, "S", WireEnums.ToSide);
                    break;
                case (byte)'o':
                    orderType = JsonFields.ReadEnum(ref reader, "o", WireEnums.ToOrderType);
                    break;
                case (byte)'f':
                    timeInForce = JsonFields.ReadEnum(ref reader, "f", WireEnums.ToTimeInForce);
                    break;
                case (byte)'q':
                    quantity = JsonFields.ReadNullableDecimal(ref reader, "q");
                    break;
                case (byte)'Q':
                    quoteQuantity = JsonFields.ReadNullableDecimal(ref reader, "Q");
                    break;
                case (byte)'p':
                    price = JsonFields.ReadNullableDecimal(ref reader, "p");
                    break;
                case (byte)'P':
                    triggerPrice = JsonFields.ReadNullableDecimal(ref reader, "P");
                    break;
                case (byte)'B':
                    triggerBy = JsonFields.ReadNullableEnum(ref reader, "B", WireEnums.ToTriggerBy);
                    break;
                case (byte)'a':
                    takeProfitTriggerPrice = JsonFields.ReadNullableDecimal(ref reader, "a");
                    break;
                case (byte)'b':
                    stopLossTriggerPrice = JsonFields.ReadNullableDecimal(ref reader, "b");
                    break;
                case (byte)'j':
                    takeProfitLimitPrice = JsonFields.ReadNullableDecimal(ref reader, "j");
                    break;
                case (byte)'k':
                    stopLossLimitPrice = JsonFields.ReadNullableDecimal(ref reader, "k");
                    break;
                case (byte)'d':
                    takeProfitTriggerBy = JsonFields.ReadNullableEnum(ref reader, "d", WireEnums.ToTriggerBy);
                    break;
                case (byte)'g':
                    stopLossTriggerBy = JsonFields.ReadNullableEnum(ref reader, "g", WireEnums.ToTriggerBy);
                    break;
                case (byte)'Y':
                    triggerQuantity = JsonFields.ReadNullableString(ref reader, "Y");
                    break;
                case (byte)'X':
                    status = JsonFields.ReadEnum(ref reader, "X", WireEnums.ToOrderStatus);
                    break;
                case (byte)'R':
                    expiryReason = JsonFields.ReadNullableInterned(ref reader, "R");
                    break;
                case (byte)'t':
                    tradeId = JsonFields.ReadNullableInt64(ref reader, "t");
                    break;
                case (byte)'l':
                    fillQuantity = JsonFields.ReadNullableDecimal(ref reader, "l");
                    break;
                case (byte)'z':
                    executedQuantity = JsonFields.ReadDecimal(ref reader, "z");
                    break;
                case (byte)'Z':
                    executedQuoteQuantity = JsonFields.ReadDecimal(ref reader, "Z");
                    break;
                case (byte)'L':
                    fillPrice = JsonFields.ReadNullableDecimal(ref reader, "L");
                    break;
                case (byte)'m':
                    isMaker = JsonFields.ReadNullableBoolean(ref reader, "m");
                    break;
                case (byte)'n':
                    fee = JsonFields.ReadNullableDecimal(ref reader, "n");
                    break;
                case (byte)'N':
                    feeSymbol = JsonFields.ReadNullableInterned(ref reader, "N");
                    break;
                case (byte)'V':
                    selfTradePrevention = JsonFields.ReadEnum(ref reader, "V", WireEnums.ToSelfTradePrevention);
                    break;
                case (byte)'O':
                    origin = JsonFields.ReadEnum(ref reader, "O", WireEnums.ToOrderOrigin);
                    break;
                case (byte)'I':
                    relatedOrderId = JsonFields.ReadNullableInt64(ref reader, "I");
                    break;
                case (byte)'H':
                    strategyId = JsonFields.ReadNullableInt64(ref reader, "H");
                    break;
                case (byte)'y':
                    postOnly = JsonFields.ReadNullableBoolean(ref reader, "y");
                    break;
                case (byte)'r':
                    reduceOnly = JsonFields.ReadNullableBoolean(ref reader, "r");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OrderUpdate
        {
            EventType = eventType ?? OrderEventType.Unknown,
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            OrderId = JsonFields.Required(orderId, "i"),
            ClientOrderId = clientOrderId,
            Side = JsonFields.Required(side, "S"),
            OrderType = JsonFields.Required(orderType, "o"),
            TimeInForce = JsonFields.Required(timeInForce, "f"),
            Quantity = quantity,
            QuoteQuantity = quoteQuantity,
            Price = price,
            TriggerPrice = triggerPrice,
            TriggerBy = triggerBy,
            TakeProfitTriggerPrice = takeProfitTriggerPrice,
            StopLossTriggerPrice = stopLossTriggerPrice,
            TakeProfitLimitPrice = takeProfitLimitPrice,
            StopLossLimitPrice = stopLossLimitPrice,
            TakeProfitTriggerBy = takeProfitTriggerBy,
            StopLossTriggerBy = stopLossTriggerBy,
            TriggerQuantity = triggerQuantity,
            Status = JsonFields.Required(status, "X"),
            ExpiryReason = expiryReason,
            TradeId = tradeId,
            FillQuantity = fillQuantity,
            ExecutedQuantity = JsonFields.Required(executedQuantity, "z"),
            ExecutedQuoteQuantity = JsonFields.Required(executedQuoteQuantity, "Z"),
            FillPrice = fillPrice,
            IsMaker = isMaker,
            Fee = fee,
            FeeSymbol = feeSymbol,
            SelfTradePrevention = JsonFields.Required(selfTradePrevention, "V"),
            Origin = JsonFields.Required(origin, "O"),
            RelatedOrderId = relatedOrderId,
            StrategyId = strategyId,
            PostOnly = postOnly,
            ReduceOnly = reduceOnly,
        };
    }
}
