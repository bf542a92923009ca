using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the body of <c>GET /api/v1/depth</c> (spec §8.1) into the order book's snapshot.</summary>
internal static class DepthSnapshotParser
{
    /// <summary>Parses a depth snapshot with <see cref="OrderBookDepthParser"/>.</summary>
    /// <param name="body">The UTF-8 response body.</param>
    /// <returns>The snapshot; levels in the order sent.</returns>
    /// <exception cref="PayloadFormatException">The body is malformed or lacks <c>lastUpdateId</c>, <c>bids</c> or <c>asks</c>.</exception>
    public static DepthSnapshot Parse(ReadOnlySpan<byte> body)
    {
        var depth = OrderBookDepthParser.Parse(body);
        return new DepthSnapshot(depth.LastUpdateId, depth.Bids, depth.Asks);
    }

    /// <summary>Writes a snapshot as the exchange sends it (decimal strings, <c>lastUpdateId</c> as a string): what <see cref="Parse"/> reads back.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The UTF-8 JSON body.</returns>
    public static byte[] Write(DepthSnapshot snapshot)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("lastUpdateId"u8, snapshot.LastUpdateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteSide(writer, "bids"u8, snapshot.Bids);
            WriteSide(writer, "asks"u8, snapshot.Asks);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSide(System.Text.Json.Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<PriceLevel> levels)
    {
        writer.WriteStartArray(name);
        foreach (var level in levels)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(level.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteStringValue(level.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
