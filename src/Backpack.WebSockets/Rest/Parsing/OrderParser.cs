using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>
/// Parses order objects of <c>/api/v1/orders</c>, <c>/api/v1/order</c> and <c>/wapi/v1/history/orders</c> (spec §9.5.2):
/// one reader for both shapes, since they differ only in <c>createdAt</c> (ms vs naive string) and a few optional keys.
/// </summary>
internal static class OrderParser
{
    /// <exception cref="PayloadFormatException">The body is malformed or an order lacks <c>id</c> or <c>symbol</c>.</exception>
    public static IReadOnlyList<Order> ParseArray(ReadOnlySpan<byte> body) => RestJson.ParseArray(body, "orders", Read);

    /// <exception cref="PayloadFormatException">The body is malformed or lacks <c>id</c> or <c>symbol</c>.</exception>
    public static Order ParseOne(ReadOnlySpan<byte> body) => RestJson.ParseObject(body, "order", Read);

    private static Order Read(ref Utf8JsonReader reader)
    {
        string? id = null, symbol = null, triggerQuantity = null, relatedOrderId = null, strategyId = null;
        string? expiryReason = null, systemOrderType = null;
        long? clientId = null;
        Side side = default;
        OrderType orderType = default;
        OrderStatus status = default;
        TimeInForce timeInForce = default;
        SelfTradePrevention selfTradePrevention = default;
        decimal? price = null, quantity = null, quoteQuantity = null, triggerPrice = null;
        decimal? takeProfitTrigger = null, takeProfitLimit = null, stopLossTrigger = null, stopLossLimit = null;
        decimal executed = 0, executedQuote = 0;
        bool? postOnly = null, reduceOnly = null;
        TriggerBy? triggerBy = null, takeProfitBy = null, stopLossBy = null;
        DateTimeOffset? createdAt = null, triggeredAt = null;

        while (RestJson.NextField(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) id = JsonFields.ReadNullableString(ref reader, "id", acceptNumber: true);
            else if (reader.ValueTextEquals("clientId"u8)) clientId = JsonFields.ReadNullableInt64(ref reader, "clientId");
            else if (reader.ValueTextEquals("symbol"u8)) symbol = JsonFields.ReadNullableInterned(ref reader, "symbol");
            else if (reader.ValueTextEquals("side"u8)) side = JsonFields.ReadNullableEnum(ref reader, "side", WireEnums.ToSide) ?? default;
            else if (reader.ValueTextEquals("orderType"u8)) orderType = JsonFields.ReadNullableEnum(ref reader, "orderType", WireEnums.ToOrderType) ?? default;
            else if (reader.ValueTextEquals("status"u8)) status = JsonFields.ReadNullableEnum(ref reader, "status", WireEnums.ToOrderStatus) ?? default;
            else if (reader.ValueTextEquals("timeInForce"u8)) timeInForce = JsonFields.ReadNullableEnum(ref reader, "timeInForce", WireEnums.ToTimeInForce) ?? default;
            else if (reader.ValueTextEquals("selfTradePrevention"u8)) selfTradePrevention = JsonFields.ReadNullableEnum(ref reader, "selfTradePrevention", WireEnums.ToSelfTradePrevention) ?? default;
            else if (reader.ValueTextEquals("price"u8)) price = JsonFields.ReadNullableDecimal(ref reader, "price");
            else if (reader.ValueTextEquals("quantity"u8)) quantity = JsonFields.ReadNullableDecimal(ref reader, "quantity");
            else if (reader.ValueTextEquals("quoteQuantity"u8)) quoteQuantity = JsonFields.ReadNullableDecimal(ref reader, "quoteQuantity");
            else if (reader.ValueTextEquals("executedQuantity"u8)) executed = RestJson.ReadDecimalOrZero(ref reader, "executedQuantity");
            else if (reader.ValueTextEquals("executedQuoteQuantity"u8)) executedQuote = RestJson.ReadDecimalOrZero(ref reader, "executedQuoteQuantity");
            else if (reader.ValueTextEquals("postOnly"u8)) postOnly = JsonFields.ReadNullableBoolean(ref reader, "postOnly");
            else if (reader.ValueTextEquals("reduceOnly"u8)) reduceOnly = JsonFields.ReadNullableBoolean(ref reader, "reduceOnly");
            else if (reader.ValueTextEquals("triggerPrice"u8)) triggerPrice = JsonFields.ReadNullableDecimal(ref reader, "triggerPrice");
            else if (reader.ValueTextEquals("triggerQuantity"u8)) triggerQuantity = JsonFields.ReadNullableString(ref reader, "triggerQuantity", acceptNumber: true);
            else if (reader.ValueTextEquals("triggerBy"u8)) triggerBy = JsonFields.ReadNullableEnum(ref reader, "triggerBy", WireEnums.ToTriggerBy);
            else if (reader.ValueTextEquals("triggeredAt"u8)) triggeredAt = RestJson.ReadFlexibleTime(ref reader, "triggeredAt");
            else if (reader.ValueTextEquals("takeProfitTriggerPrice"u8)) takeProfitTrigger = JsonFields.ReadNullableDecimal(ref reader, "takeProfitTriggerPrice");
            else if (reader.ValueTextEquals("takeProfitLimitPrice"u8)) takeProfitLimit = JsonFields.ReadNullableDecimal(ref reader, "takeProfitLimitPrice");
            else if (reader.ValueTextEquals("takeProfitTriggerBy"u8)) takeProfitBy = JsonFields.ReadNullableEnum(ref reader, "takeProfitTriggerBy", WireEnums.ToTriggerBy);
            else if (reader.ValueTextEquals("stopLossTriggerPrice"u8)) stopLossTrigger = JsonFields.ReadNullableDecimal(ref reader, "stopLossTriggerPrice");
            else if (reader.ValueTextEquals("stopLossLimitPrice"u8)) stopLossLimit = JsonFields.ReadNullableDecimal(ref reader, "stopLossLimitPrice");
            else if (reader.ValueTextEquals("stopLossTriggerBy"u8)) stopLossBy = JsonFields.ReadNullableEnum(ref reader, "stopLossTriggerBy", WireEnums.ToTriggerBy);
            else if (reader.ValueTextEquals("relatedOrderId"u8)) relatedOrderId = JsonFields.ReadNullableString(ref reader, "relatedOrderId", acceptNumber: true);
            else if (reader.ValueTextEquals("strategyId"u8)) strategyId = JsonFields.ReadNullableString(ref reader, "strategyId", acceptNumber: true);
            else if (reader.ValueTextEquals("expiryReason"u8)) expiryReason = JsonFields.ReadNullableInterned(ref reader, "expiryReason");
            else if (reader.ValueTextEquals("systemOrderType"u8)) systemOrderType = JsonFields.ReadNullableInterned(ref reader, "systemOrderType");
            else if (reader.ValueTextEquals("createdAt"u8)) createdAt = RestJson.ReadFlexibleTime(ref reader, "createdAt");
            else RestJson.Skip(ref reader);
        }

        RestJson.EnsureEnded(ref reader, "order");
        return new Order
        {
            Id = JsonFields.Required(id, "id"),
            ClientId = clientId,
            Symbol = JsonFields.Required(symbol, "symbol"),
            Side = side,
            OrderType = orderType,
            Status = status,
            TimeInForce = timeInForce,
            SelfTradePrevention = selfTradePrevention,
            Price = price,
            Quantity = quantity,
            QuoteQuantity = quoteQuantity,
            ExecutedQuantity = executed,
            ExecutedQuoteQuantity = executedQuote,
            PostOnly = postOnly,
            ReduceOnly = reduceOnly,
            TriggerPrice = triggerPrice,
            TriggerQuantity = triggerQuantity,
            TriggerBy = triggerBy,
            TriggeredAt = triggeredAt,
            TakeProfitTriggerPrice = takeProfitTrigger,
            TakeProfitLimitPrice = takeProfitLimit,
            TakeProfitTriggerBy = takeProfitBy,
            StopLossTriggerPrice = stopLossTrigger,
            StopLossLimitPrice = stopLossLimit,
            StopLossTriggerBy = stopLossBy,
            RelatedOrderId = relatedOrderId,
            StrategyId = strategyId,
            ExpiryReason = expiryReason,
            SystemOrderType = systemOrderType,
            CreatedAt = createdAt ?? default,
        };
    }
}
