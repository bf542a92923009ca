namespace Backpack.WebSockets.Recording;

/// <summary>
/// Receives every frame a client reads from the exchange and every REST depth snapshot it uses, with the time it got
/// them: the hook behind <see cref="BackpackStreamClientOptions.FrameRecorder"/>. <see cref="BackpackSessionRecorder"/>
/// writes them to a file that <c>BackpackTestServer</c> (Backpack.WebSockets.Testing) can replay.
/// </summary>
/// <remarks>
/// Called on the receive path, possibly from several connections at once: an implementation must be thread-safe, quick
/// and must not throw. The spans are valid only during the call; copy what you keep.
/// </remarks>
public interface IBackpackFrameRecorder
{
    /// <summary>A whole message read from a connection, before it is parsed.</summary>
    /// <param name="connectionId">Tells the client's connections apart; a reconnect counts as a new connection.</param>
    /// <param name="utf8Frame">The message as received: UTF-8 text.</param>
    /// <param name="receivedAt">When the last byte of the message was read.</param>
    void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt);

    /// <summary>The body of a successful <c>GET /api/v1/depth</c> answer.</summary>
    /// <param name="symbol">The market the snapshot is of.</param>
    /// <param name="body">The response body as received: UTF-8 JSON.</param>
    /// <param name="receivedAt">When the body had been read.</param>
    void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt);
}
