using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>bookTicker.&lt;symbol&gt;</c> frames (spec §6.1).</summary>
internal static class BookTickerParser
{
    /// <summary>Parses one <c>bookTicker</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static BookTicker Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "bookTicker", Read);

    private static BookTicker Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? bestBidPrice = null;
        decimal? bestBidQuantity = null;
        decimal? bestAskPrice = null;
        decimal? bestAskQuantity = null;
        long? updateId = null;
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
                case (byte)'b':
                    bestBidPrice = JsonFields.ReadDecimal(ref reader, "b");
                    break;
                case (byte)'B':
                    bestBidQuantity = JsonFields.ReadDecimal(ref reader, "B");
                    break;
                case (byte)'a':
                    bestAskPrice = JsonFields.ReadDecimal(ref reader, "a");
                    break;
                case (byte)'A':
                    bestAskQuantity = JsonFields.ReadDecimal(ref reader, "A");
                    break;
                case (byte)'u':
                    updateId = JsonFields.ReadInt64(ref reader, "u");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new BookTicker
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            BestBidPrice = JsonFields.Required(bestBidPrice, "b"),
            BestBidQuantity = JsonFields.Required(bestBidQuantity, "B"),
            BestAskPrice = JsonFields.Required(bestAskPrice, "a"),
            BestAskQuantity = JsonFields.Required(bestAskQuantity, "A"),
            UpdateId = JsonFields.Required(updateId, "u"),
        };
    }
}
