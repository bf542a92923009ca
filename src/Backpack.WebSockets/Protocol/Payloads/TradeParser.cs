using System.Diagnostics.CodeAnalysis;
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
        TryParseFast(data, out var parsed) ? parsed : ParseGeneral(data);

    /// <summary>
    /// The fast path alone (see <see cref="CompactPayloadScanner"/>): the model <see cref="Parse"/> would return, or
    /// <see langword="false"/> where the general path must decide. Internal for the tests that compare the two.
    /// </summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> data, [NotNullWhen(true)] out Trade? parsed) =>
        CompactPayloadScanner.TryParse(data, Read, out parsed);

    /// <summary>
    /// The general path alone (<see cref="JsonFieldReader"/>), which accepts any JSON and decides what the fast path
    /// declines. Internal for the tests that compare the two.
    /// </summary>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    internal static Trade ParseGeneral(ReadOnlySpan<byte> data) =>
        JsonFieldReader.Parse(data, "trade", Read);

    private static Trade Read<TReader>(ref TReader reader)
        where TReader : IFieldReader, allows ref struct
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
        while (reader.NextProperty(out var key))
        {
            switch (key)
            {
                case (byte)'s':
                    symbol = reader.ReadInterned("s");
                    break;
                case (byte)'E':
                    eventTime = reader.ReadMicroseconds("E");
                    break;
                case (byte)'T':
                    engineTime = reader.ReadMicroseconds("T");
                    break;
                case (byte)'p':
                    price = reader.ReadDecimal("p");
                    break;
                case (byte)'q':
                    quantity = reader.ReadDecimal("q");
                    break;
                case (byte)'t':
                    tradeId = reader.ReadInt64("t");
                    break;
                case (byte)'b':
                    buyerOrderId = reader.ReadInt64("b");
                    break;
                case (byte)'a':
                    sellerOrderId = reader.ReadInt64("a");
                    break;
                case (byte)'m':
                    isBuyerMaker = reader.ReadBoolean("m");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new Trade
        {
            Symbol = reader.Required(symbol, "s"),
            EventTime = reader.Required(eventTime, "E"),
            EngineTime = reader.Required(engineTime, "T"),
            Price = reader.Required(price, "p"),
            Quantity = reader.Required(quantity, "q"),
            TradeId = reader.Required(tradeId, "t"),
            BuyerOrderId = reader.Required(buyerOrderId, "b"),
            SellerOrderId = reader.Required(sellerOrderId, "a"),
            IsBuyerMaker = reader.Required(isBuyerMaker, "m"),
        };
    }
}
