using System.Diagnostics.CodeAnalysis;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>depth.&lt;symbol&gt;</c> and aggregated depth frames (spec §6.2).</summary>
internal static class DepthUpdateParser
{
    /// <summary>Parses one <c>depth</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static DepthUpdate Parse(ReadOnlySpan<byte> data) =>
        TryParseFast(data, out var parsed) ? parsed : ParseGeneral(data);

    /// <summary>
    /// The fast path alone (see <see cref="CompactPayloadScanner"/>): the model <see cref="Parse"/> would return, or
    /// <see langword="false"/> where the general path must decide. Internal for the tests that compare the two.
    /// </summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DepthUpdate? parsed) =>
        CompactPayloadScanner.TryParse(data, Read, out parsed);

    /// <summary>
    /// The general path alone (<see cref="JsonFieldReader"/>), which accepts any JSON and decides what the fast path
    /// declines. Internal for the tests that compare the two.
    /// </summary>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    internal static DepthUpdate ParseGeneral(ReadOnlySpan<byte> data) =>
        JsonFieldReader.Parse(data, "depth", Read);

    private static DepthUpdate Read<TReader>(ref TReader reader)
        where TReader : IFieldReader, allows ref struct
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        long? firstUpdateId = null;
        long? lastUpdateId = null;
        PriceLevel[]? bids = null;
        PriceLevel[]? asks = null;
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
                case (byte)'U':
                    firstUpdateId = reader.ReadInt64("U");
                    break;
                case (byte)'u':
                    lastUpdateId = reader.ReadInt64("u");
                    break;
                case (byte)'b':
                    bids = reader.ReadPriceLevels("b");
                    break;
                case (byte)'a':
                    asks = reader.ReadPriceLevels("a");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }

        return new DepthUpdate
        {
            Symbol = reader.Required(symbol, "s"),
            EventTime = reader.Required(eventTime, "E"),
            EngineTime = reader.Required(engineTime, "T"),
            FirstUpdateId = reader.Required(firstUpdateId, "U"),
            LastUpdateId = reader.Required(lastUpdateId, "u"),
            Bids = reader.Required(bids, "b"),
            Asks = reader.Required(asks, "a"),
        };
    }
}
