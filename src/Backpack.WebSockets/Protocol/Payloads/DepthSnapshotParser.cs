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
}
