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
                var peek = reader;
                peek.Read();
                timestamp = peek.TokenType == JsonTokenType.Null
                    ? SkipNull(ref reader)
                    : JsonFields.ReadMicroseconds(ref reader, "timestamp");
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

    private static DateTimeOffset? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Read();
        return null;
    }
}
