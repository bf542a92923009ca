using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>Parses a page of <c>GET /wapi/v1/history/fills</c> (spec §9.5.2).</summary>
internal static class FillParser
{
    /// <exception cref="PayloadFormatException">The body is malformed or a fill lacks <c>orderId</c>, <c>symbol</c> or <c>timestamp</c>.</exception>
    public static IReadOnlyList<Fill> Parse(ReadOnlySpan<byte> body) => RestJson.ParseArray(body, "fills", Read);

    private static Fill Read(ref Utf8JsonReader reader)
    {
        long? tradeId = null;
        string? orderId = null, clientId = null, symbol = null, feeSymbol = null, systemOrderType = null;
        Side side = default;
        decimal price = 0, quantity = 0, fee = 0;
        bool isMaker = false;
        DateTimeOffset? timestamp = null;
        while (RestJson.NextField(ref reader))
        {
            if (reader.ValueTextEquals("tradeId"u8)) tradeId = JsonFields.ReadNullableInt64(ref reader, "tradeId");
            else if (reader.ValueTextEquals("orderId"u8)) orderId = JsonFields.ReadNullableString(ref reader, "orderId", acceptNumber: true);
            else if (reader.ValueTextEquals("clientId"u8)) clientId = JsonFields.ReadNullableString(ref reader, "clientId", acceptNumber: true);
            else if (reader.ValueTextEquals("symbol"u8)) symbol = JsonFields.ReadNullableInterned(ref reader, "symbol");
            else if (reader.ValueTextEquals("side"u8)) side = JsonFields.ReadNullableEnum(ref reader, "side", WireEnums.ToSide) ?? default;
            else if (reader.ValueTextEquals("price"u8)) price = RestJson.ReadDecimalOrZero(ref reader, "price");
            else if (reader.ValueTextEquals("quantity"u8)) quantity = RestJson.ReadDecimalOrZero(ref reader, "quantity");
            else if (reader.ValueTextEquals("fee"u8)) fee = RestJson.ReadDecimalOrZero(ref reader, "fee");
            else if (reader.ValueTextEquals("feeSymbol"u8)) feeSymbol = JsonFields.ReadNullableInterned(ref reader, "feeSymbol");
            else if (reader.ValueTextEquals("isMaker"u8)) isMaker = JsonFields.ReadNullableBoolean(ref reader, "isMaker") ?? false;
            else if (reader.ValueTextEquals("systemOrderType"u8)) systemOrderType = JsonFields.ReadNullableInterned(ref reader, "systemOrderType");
            else if (reader.ValueTextEquals("timestamp"u8)) timestamp = RestJson.ReadFlexibleTime(ref reader, "timestamp");
            else RestJson.Skip(ref reader);
        }

        RestJson.EnsureEnded(ref reader, "fill");
        return new Fill
        {
            TradeId = tradeId,
            OrderId = JsonFields.Required(orderId, "orderId"),
            ClientId = clientId,
            Symbol = JsonFields.Required(symbol, "symbol"),
            Side = side,
            Price = price,
            Quantity = quantity,
            Fee = fee,
            FeeSymbol = feeSymbol,
            IsMaker = isMaker,
            SystemOrderType = systemOrderType,
            Timestamp = JsonFields.Required(timestamp, "timestamp"),
        };
    }
}
