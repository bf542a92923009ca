using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the body of <c>GET /api/v1/depth</c> (spec §8.1).</summary>
internal static class DepthSnapshotParser
{
    /// <summary>Parses a depth snapshot: <c>lastUpdateId</c> as a string or a number, levels as decimal strings or numbers.</summary>
    /// <param name="body">The UTF-8 response body.</param>
    /// <returns>The snapshot; levels in the order sent.</returns>
    /// <exception cref="PayloadFormatException">The body is malformed or lacks <c>lastUpdateId</c>, <c>bids</c> or <c>asks</c>.</exception>
    public static DepthSnapshot Parse(ReadOnlySpan<byte> body) =>
        JsonFields.ParsePayload(body, "depth snapshot", Read);

    private static DepthSnapshot Read(ref Utf8JsonReader reader)
    {
        long? lastUpdateId = null;
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

        return new DepthSnapshot(
            JsonFields.Required(lastUpdateId, "lastUpdateId"),
            JsonFields.Required(bids, "bids"),
            JsonFields.Required(asks, "asks"));
    }
}
