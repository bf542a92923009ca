namespace Backpack.Soak;

/// <summary>The faults the soak scenario injects, one at a time, on a seeded schedule.</summary>
internal enum SoakFault
{
    /// <summary>Every connection is aborted without a Close frame (<c>DropAllConnections</c>).</summary>
    Drop,

    /// <summary>The server sends a Close frame (1001, going away) on every connection.</summary>
    CloseFrame,

    /// <summary>The next depth message skips an update id (<c>MarketSimulator.InjectGap</c>); the connection stays up.</summary>
    Gap,

    /// <summary>The next one or two handshakes are rejected with HTTP 503, then every connection is dropped.</summary>
    RejectedHandshakes,
}
