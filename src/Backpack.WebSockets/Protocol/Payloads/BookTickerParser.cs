using System.Diagnostics.CodeAnalysis;
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
        TryParseFast(data, out var parsed) ? parsed : ParseGeneral(data);

    /// <summary>
    /// The fast path alone (see <see cref="CompactPayloadScanner"/>): the model <see cref="Parse"/> would return, or
    /// <see langword="false"/> where the general path must decide. Internal for the tests that compare the two.
    /// </summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> data, [NotNullWhen(true)] out BookTicker? parsed) =>
        CompactPayloadScanner.TryParse(data, Read, out parsed);

    /// <summary>
    /// The general path alone (<see cref="JsonFieldReader"/>), which accepts any JSON and decides what the fast path
    /// declines. Internal for the tests that compare the two.
    /// </summary>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    internal static BookTicker ParseGeneral(ReadOnlySpan<byte> data) =>
        JsonFieldReader.Parse(data, "bookTicker", Read);

    private static BookTicker Read<TReader>(ref TReader reader)
        where TReader : IFieldReader, allows ref struct
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? bestBidPrice = null;
        decimal? bestBidQuantity = null;
        decimal? bestAskPrice = null;
        decimal? bestAskQuantity = null;
        long? updateId = null;
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
                case (byte)'b':
                    bestBidPrice = reader.ReadDecimal("b");
                    break;
                case (byte)'B':
                    bestBidQuantity = reader.ReadDecimal("B");
                    break;
                case (byte)'a':
                    bestAskPrice = reader.ReadDecimal("a");
                    break;
                case (byte)'A':
                    bestAskQuantity = reader.ReadDecimal("A");
                    break;
                case (byte)'u':
                    updateId = reader.ReadInt64("u");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new BookTicker
        {
            Symbol = reader.Required(symbol, "s"),
            EventTime = reader.Required(eventTime, "E"),
            EngineTime = reader.Required(engineTime, "T"),
            BestBidPrice = reader.Required(bestBidPrice, "b"),
            BestBidQuantity = reader.Required(bestBidQuantity, "B"),
            BestAskPrice = reader.Required(bestAskPrice, "a"),
            BestAskQuantity = reader.Required(bestAskQuantity, "A"),
            UpdateId = reader.Required(updateId, "u"),
        };
    }
}
