using System.Text.Json;
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
        JsonFields.ParsePayload(data, "depth", Read);

    private static DepthUpdate Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        long? firstUpdateId = null;
        long? lastUpdateId = null;
        PriceLevel[]? bids = null;
        PriceLevel[]? asks = null;
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
                case (byte)'U':
                    firstUpdateId = JsonFields.ReadInt64(ref reader, "U");
                    break;
                case (byte)'u':
                    lastUpdateId = JsonFields.ReadInt64(ref reader, "u");
                    break;
                case (byte)'b':
                    bids = JsonFields.ReadPriceLevels(ref reader, "b");
                    break;
                case (byte)'a':
                    asks = JsonFields.ReadPriceLevels(ref reader, "a");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new DepthUpdate
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            FirstUpdateId = JsonFields.Required(firstUpdateId, "U"),
            LastUpdateId = JsonFields.Required(lastUpdateId, "u"),
            Bids = JsonFields.Required(bids, "b"),
            Asks = JsonFields.Required(asks, "a"),
        };
    }
}
