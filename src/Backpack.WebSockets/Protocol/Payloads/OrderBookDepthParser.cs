using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the body of <c>GET /api/v1/depth</c> (spec §8.1): the one parser of depth snapshots.</summary>
internal static class OrderBookDepthParser
{
    /// <summary>Parses a depth snapshot: <c>lastUpdateId</c> as a string or a number, levels as decimal strings or numbers.</summary>
    /// <param name="body">The UTF-8 response body.</param>
    /// <returns>The snapshot; levels in the order sent.</returns>
    /// <exception cref="PayloadFormatException">The body is malformed or lacks <c>lastUpdateId</c>, <c>bids</c> or <c>asks</c>.</exception>
    public static OrderBookDepth Parse(ReadOnlySpan<byte> body) =>
        JsonFields.ParsePayload(body, "depth snapshot", Read);

    private static OrderBookDepth Read(ref Utf8JsonReader reader)
    {
        long? lastUpdateId = null;
        DateTimeOffset? timestamp = null;
        PriceLevel[]? bids = null;
        PriceLevel[]? asks = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                lastUpdateId = JsonFields.ReadInt64(ref reader, "lastUpdateId");
            }
            else if (reader.ValueTextEquals("bids"u8))
            {
                bids = JsonFields.ReadPriceLevels(ref reader, "bids");
            }
            else if (reader.ValueTextEquals("asks"u8))
            {
                asks = JsonFields.ReadPriceLevels(ref reader, "asks");
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                timestamp = ReadTimestamp(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new PayloadFormatException("The depth snapshot is not a complete JSON object.");
        }

        return new OrderBookDepth
        {
            LastUpdateId = JsonFields.Required(lastUpdateId, "lastUpdateId"),
            Timestamp = timestamp,
            Bids = JsonFields.Required(bids, "bids"),
            Asks = JsonFields.Required(asks, "asks"),
        };
    }

    /// <summary>
    /// Reads the optional engine time in microseconds. It is informational: a value that is absent, null or unreadable gives
    /// <see langword="null"/> instead of failing a snapshot the order book needs.
    /// </summary>
    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        var peek = reader;
        peek.Read();
        if (peek.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            reader.Read();
            reader.Skip();
            return null;
        }

        try
        {
            return JsonFields.ReadMicroseconds(ref reader, "timestamp");
        }
        catch (PayloadFormatException)
        {
            return null;
        }
    }
}
