namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>
    /// Raised after a data frame (from <c>PublishAsync</c> or the <see cref="MarketSimulator"/>) was written to a
    /// connection, once per connection, on the publishing thread. Frames of <see cref="PublishRawFrameAsync"/>, error
    /// frames and subscribe snapshots do not raise it. Keep the handler short: it delays the next send.
    /// </summary>
    /// <remarks>
    /// "Written" means the WebSocket send completed; a connection dropped right after may still lose the frame in
    /// transit (the server's output buffer or the socket), as on a real network. Tests use this to know which events a
    /// client could have seen: events published while it was disconnected never raise it.
    /// </remarks>
    public event EventHandler<FrameSentEventArgs>? FrameSent;

    /// <summary>
    /// Sends <c>{"data":&lt;dataJson&gt;,"stream":"&lt;stream&gt;"}</c> to every connection subscribed to exactly <paramref name="stream"/>.
    /// </summary>
    /// <param name="stream">The stream name, e.g. <c>depth.SOL_USDC</c>.</param>
    /// <param name="dataJson">The payload: one valid JSON value, written into the frame as is.</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>The number of connections the frame was sent to.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataJson"/> is not valid JSON (use <see cref="PublishRawFrameAsync"/> for malformed frames).</exception>
    /// <remarks>
    /// Frames published one after another arrive in that order on each connection. Sends are awaited connection by
    /// connection, so a client that stops reading eventually holds up publishing once TCP buffers fill; cancel with
    /// <paramref name="cancellationToken"/> or drop it with <see cref="DropAllConnections"/>. A connection that is gone is skipped.
    /// </remarks>
    public Task<int> PublishAsync(string stream, string dataJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentException.ThrowIfNullOrEmpty(dataJson);
        return PublishFrameAsync(stream, JsonFrames.Envelope(stream, dataJson), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="item"/> to every connection subscribed to <paramref name="stream"/>'s name, written in the
    /// exchange's exact wire format: microsecond event and engine times, millisecond deadlines and funding times, ISO kline
    /// times, decimal strings for prices and quantities, and string order ids.
    /// </summary>
    /// <typeparam name="T">The stream's model, for example <see cref="Backpack.WebSockets.Models.Trade"/>.</typeparam>
    /// <param name="stream">The stream descriptor from <see cref="BackpackStreams"/>; its <see cref="BackpackStream{T}.Name"/> is the frame's <c>stream</c>.</param>
    /// <param name="item">The payload. Times finer than the wire carries (microseconds, or milliseconds for RFQ deadlines and the next funding time) are truncated.</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>The number of connections the frame was sent to.</returns>
    /// <exception cref="ArgumentException"><paramref name="item"/> holds an enum value the exchange never sends (an <c>Unknown</c> member).</exception>
    /// <remarks>
    /// A client subscribed to the same descriptor receives an item equal to <paramref name="item"/> (for a
    /// <see cref="Backpack.WebSockets.Models.Kline"/>, the interval comes from the stream name, as on the live exchange).
    /// Ordering and backpressure are those of <see cref="PublishAsync(string, string, CancellationToken)"/>.
    /// </remarks>
    public Task<int> PublishAsync<T>(BackpackStream<T> stream, T item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(item);
        var frame = JsonFrames.Envelope(stream.Name, writer => ModelPayloads.Write(writer, item));
        return PublishFrameAsync(stream.Name, frame, cancellationToken);
    }

    /// <summary>Sends <paramref name="frameJson"/> as it is (any text, valid JSON or not) to every open connection.</summary>
    /// <param name="frameJson">The whole message text.</param>
    /// <param name="cancellationToken">Cancels the sends still pending.</param>
    /// <returns>The number of connections the text was sent to.</returns>
    public Task<int> PublishRawFrameAsync(string frameJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameJson);
        return SendAsync(SnapshotConnections(stream: null), stream: null, frameJson, cancellationToken);
    }

    /// <summary>Sends a complete frame to the subscribers of <paramref name="stream"/>.</summary>
    internal Task<int> PublishFrameAsync(string stream, string frame, CancellationToken cancellationToken) =>
        SendAsync(SnapshotConnections(stream), stream, frame, cancellationToken);

    /// <summary>Sends one text message to each of <paramref name="connections"/>, in turn; raises <see cref="FrameSent"/> for stream frames.</summary>
    private async Task<int> SendAsync(ServerConnection[] connections, string? stream, string text, CancellationToken cancellationToken)
    {
        if (connections.Length == 0)
        {
            return 0;
        }

        var utf8 = Encode(text);
        var fragmentSize = FragmentSize;
        var sent = 0;
        foreach (var connection in connections)
        {
            if (await connection.SendAsync(utf8, fragmentSize, cancellationToken).ConfigureAwait(false))
            {
                sent++;
                if (stream is not null)
                {
                    FrameSent?.Invoke(this, new FrameSentEventArgs(connection.Id, stream, text));
                }
            }
        }

        return sent;
    }
}
