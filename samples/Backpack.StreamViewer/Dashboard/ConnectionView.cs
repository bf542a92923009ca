using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>One row of the status panel's connection list (the shape of the client's coming per-connection info).</summary>
/// <param name="Id">The connection's number.</param>
/// <param name="State">Its state.</param>
/// <param name="StateChangedAt">When it entered that state.</param>
/// <param name="Streams">How many streams it carries.</param>
/// <param name="IsPrivate">Whether it carries account streams.</param>
/// <param name="IsCompressed">Whether its frames are compressed.</param>
/// <param name="ReconnectCount">How often it reconnected.</param>
/// <param name="DisconnectError">Why it was last lost, if it was.</param>
internal sealed record ConnectionView(
    int Id,
    BackpackConnectionState State,
    DateTimeOffset StateChangedAt,
    int Streams,
    bool IsPrivate,
    bool IsCompressed,
    int ReconnectCount,
    string? DisconnectError);
