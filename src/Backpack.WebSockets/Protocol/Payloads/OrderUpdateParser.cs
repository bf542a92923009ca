using System.Diagnostics.CodeAnalysis;
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
        TryParseFast(data, out var parsed) ? parsed : ParseGeneral(data);

    /// <summary>
    /// The fast path alone (see <see cref="CompactPayloadScanner"/>): the model <see cref="Parse"/> would return, or
    /// <see langword="false"/> where the general path must decide. Internal for the tests that compare the two.
    /// </summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> data, [NotNullWhen(true)] out OrderUpdate? parsed) =>
        CompactPayloadScanner.TryParse(data, Read, out parsed);

    /// <summary>
    /// The general path alone (<see cref="JsonFieldReader"/>), which accepts any JSON and decides what the fast path
    /// declines. Internal for the tests that compare the two.
    /// </summary>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    internal static OrderUpdate ParseGeneral(ReadOnlySpan<byte> data) =>
        JsonFieldReader.Parse(data, "orderUpdate", Read);

    private static OrderUpdate Read<TReader>(ref TReader reader)
        where TReader : IFieldReader, allows ref struct
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
        while (reader.NextProperty(out var key))
        {
            switch (key)
            {
                case (byte)'e':
                    eventType = reader.ReadNullableEnum("e", WireEnums.ToOrderEventType);
                    break;
                case (byte)'s':
                    symbol = reader.ReadInterned("s");
                    break;
                case (byte)'E':
                    eventTime = reader.ReadMicroseconds("E");
                    break;
                case (byte)'T':
                    engineTime = reader.ReadMicroseconds("T");
                    break;
                case (byte)'i':
                    orderId = reader.ReadInt64("i");
                    break;
                case (byte)'c':
                    clientOrderId = reader.ReadNullableInt64("c");
                    break;
                case (byte)'S':
                    side = reader.ReadEnum("S", WireEnums.ToSide);
                    break;
                case (byte)'o':
                    orderType = reader.ReadEnum("o", WireEnums.ToOrderType);
                    break;
                case (byte)'f':
                    timeInForce = reader.ReadEnum("f", WireEnums.ToTimeInForce);
                    break;
                case (byte)'q':
                    quantity = reader.ReadNullableDecimal("q");
                    break;
                case (byte)'Q':
                    quoteQuantity = reader.ReadNullableDecimal("Q");
                    break;
                case (byte)'p':
                    price = reader.ReadNullableDecimal("p");
                    break;
                case (byte)'P':
                    triggerPrice = reader.ReadNullableDecimal("P");
                    break;
                case (byte)'B':
                    triggerBy = reader.ReadNullableEnum("B", WireEnums.ToTriggerBy);
                    break;
                case (byte)'a':
                    takeProfitTriggerPrice = reader.ReadNullableDecimal("a");
                    break;
                case (byte)'b':
                    stopLossTriggerPrice = reader.ReadNullableDecimal("b");
                    break;
                case (byte)'j':
                    takeProfitLimitPrice = reader.ReadNullableDecimal("j");
                    break;
                case (byte)'k':
                    stopLossLimitPrice = reader.ReadNullableDecimal("k");
                    break;
                case (byte)'d':
                    takeProfitTriggerBy = reader.ReadNullableEnum("d", WireEnums.ToTriggerBy);
                    break;
                case (byte)'g':
                    stopLossTriggerBy = reader.ReadNullableEnum("g", WireEnums.ToTriggerBy);
                    break;
                case (byte)'Y':
                    triggerQuantity = reader.ReadNullableString("Y");
                    break;
                case (byte)'X':
                    status = reader.ReadEnum("X", WireEnums.ToOrderStatus);
                    break;
                case (byte)'R':
                    expiryReason = reader.ReadNullableInterned("R");
                    break;
                case (byte)'t':
                    tradeId = reader.ReadNullableInt64("t");
                    break;
                case (byte)'l':
                    fillQuantity = reader.ReadNullableDecimal("l");
                    break;
                case (byte)'z':
                    executedQuantity = reader.ReadDecimal("z");
                    break;
                case (byte)'Z':
                    executedQuoteQuantity = reader.ReadDecimal("Z");
                    break;
                case (byte)'L':
                    fillPrice = reader.ReadNullableDecimal("L");
                    break;
                case (byte)'m':
                    isMaker = reader.ReadNullableBoolean("m");
                    break;
                case (byte)'n':
                    fee = reader.ReadNullableDecimal("n");
                    break;
                case (byte)'N':
                    feeSymbol = reader.ReadNullableInterned("N");
                    break;
                case (byte)'V':
                    selfTradePrevention = reader.ReadEnum("V", WireEnums.ToSelfTradePrevention);
                    break;
                case (byte)'O':
                    origin = reader.ReadEnum("O", WireEnums.ToOrderOrigin);
                    break;
                case (byte)'I':
                    relatedOrderId = reader.ReadNullableInt64("I");
                    break;
                case (byte)'H':
                    strategyId = reader.ReadNullableInt64("H");
                    break;
                case (byte)'y':
                    postOnly = reader.ReadNullableBoolean("y");
                    break;
                case (byte)'r':
                    reduceOnly = reader.ReadNullableBoolean("r");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new OrderUpdate
        {
            EventType = eventType ?? OrderEventType.Unknown,
            Symbol = reader.Required(symbol, "s"),
            EventTime = reader.Required(eventTime, "E"),
            EngineTime = reader.Required(engineTime, "T"),
            OrderId = reader.Required(orderId, "i"),
            ClientOrderId = clientOrderId,
            Side = reader.Required(side, "S"),
            OrderType = reader.Required(orderType, "o"),
            TimeInForce = reader.Required(timeInForce, "f"),
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
            Status = reader.Required(status, "X"),
            ExpiryReason = expiryReason,
            TradeId = tradeId,
            FillQuantity = fillQuantity,
            ExecutedQuantity = reader.Required(executedQuantity, "z"),
            ExecutedQuoteQuantity = reader.Required(executedQuoteQuantity, "Z"),
            FillPrice = fillPrice,
            IsMaker = isMaker,
            Fee = fee,
            FeeSymbol = feeSymbol,
            SelfTradePrevention = reader.Required(selfTradePrevention, "V"),
            Origin = reader.Required(origin, "O"),
            RelatedOrderId = relatedOrderId,
            StrategyId = strategyId,
            PostOnly = postOnly,
            ReduceOnly = reduceOnly,
        };
    }
}
