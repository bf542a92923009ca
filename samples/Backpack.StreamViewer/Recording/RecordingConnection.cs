using System.Buffers;
using System.Net.WebSockets;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Transport;

namespace Backpack.StreamViewer;

/// <summary>A connection that passes everything through and gathers each received message, whole, for the recorder.</summary>
/// <remarks>The client runs one receive loop per connection, so the message being gathered needs no lock.</remarks>
internal sealed class RecordingConnection(IWebSocketConnection inner, int id, IBackpackFrameRecorder recorder, TimeProvider timeProvider) : IWebSocketConnection
{
    private readonly ArrayBufferWriter<byte> _message = new();

    public WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public string? CloseStatusDescription => inner.CloseStatusDescription;

    public async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (result.MessageType != WebSocketMessageType.Close)
        {
            _message.Write(buffer.Span[..result.Count]);
            if (result.EndOfMessage)
            {
                recorder.OnFrame(id, _message.WrittenSpan, timeProvider.GetUtcNow());
                _message.ResetWrittenCount();
            }
        }

        return result;
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public void Abort() => inner.Abort();

    // Forwarded, or the default (false) would hide a compressed socket from the status panel.
    public bool IsCompressed => inner.IsCompressed;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
