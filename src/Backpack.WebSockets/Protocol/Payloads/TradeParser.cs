using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>trade.&lt;symbol&gt;</c> frames (spec §6.3).</summary>
internal static class TradeParser
{
    /// <summary>Parses one <c>trade</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static Trade Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "trade", Read);

    private static Trade Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? price = null;
        decimal? quantity = null;
        long? tradeId = null;
        long? buyerOrderId = null;
        long? sellerOrderId = null;
        bool? isBuyerMaker = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'s':
                    symbol = JsonFields.ReadInterned(ref reader, "s");
                    break;
                case (byte)'E':
                    eventTime = JsonFields.ReadMicroseconds(ref reader, "E");
                    break;
                case (byte)'T':
                    engineTime = JsonFields.ReadMicroseconds(ref reader, "T");
                    break;
                case (byte)'p':
                    price = JsonFields.ReadDecimal(ref reader, "p");
                    break;
                case (byte)'q':
                    quantity = JsonFields.ReadDecimal(ref reader, "q");
                    break;
                case (byte)'t':
                    tradeId = JsonFields.ReadInt64(ref reader, "t");
                    break;
                case (byte)'b':
                    buyerOrderId = JsonFields.ReadInt64(ref reader, "b");
                    break;
                case (byte)'a':
                    sellerOrderId = JsonFields.ReadInt64(ref reader, "a");
                    break;
                case (byte)'m':
                    isBuyerMaker = JsonFields.ReadBoolean(ref reader, "m");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Trade
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            Price = JsonFields.Required(price, "p"),
            Quantity = JsonFields.Required(quantity, "q"),
            TradeId = JsonFields.Required(tradeId, "t"),
            BuyerOrderId = JsonFields.Required(buyerOrderId, "b"),
            SellerOrderId = JsonFields.Required(sellerOrderId, "a"),
            IsBuyerMaker = JsonFields.Required(isBuyerMaker, "m"),
        };
    }
}
