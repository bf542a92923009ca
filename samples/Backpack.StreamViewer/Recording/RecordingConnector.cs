using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Transport;

namespace Backpack.StreamViewer;

/// <summary>
/// An <see cref="IWebSocketConnector"/> that wraps another and hands every whole message its connections receive to a
/// recorder: recording without touching the client's receive loop.
/// </summary>
internal sealed class RecordingConnector(IWebSocketConnector inner, IBackpackFrameRecorder recorder, TimeProvider timeProvider) : IWebSocketConnector
{
    private int _connections;

    public async Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return new RecordingConnection(connection, Interlocked.Increment(ref _connections), recorder, timeProvider);
    }
}
