using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;

namespace Backpack.WebSockets.Transport;

/// <summary>
/// Reads whole messages from one connection into a single pooled buffer, reassembling fragments. The buffer grows by
/// doubling up to the maximum message size and is reused for every message, so steady-state receiving allocates nothing.
/// </summary>
/// <remarks>
/// Not thread-safe: exactly one receive loop owns a reader. <see cref="Message"/> is valid until the next read. On a
/// compressed connection the socket inflates into the buffer given to it, so the maximum bounds the <b>inflated</b> size:
/// however small a frame is on the wire, no read asks for more than one byte past the maximum.
/// </remarks>
internal sealed class WebSocketMessageReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly IWebSocketConnection _connection;
    private readonly int _maxMessageSize;
    private byte[] _buffer;
    private int _length;

    public WebSocketMessageReader(IWebSocketConnection connection, int maxMessageSize)
    {
        _connection = connection;
        _maxMessageSize = maxMessageSize;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, maxMessageSize));
    }

    /// <summary>The last whole message read.</summary>
    public ReadOnlyMemory<byte> Message => _buffer.AsMemory(0, _length);

    /// <summary>Reads frames until a whole message (or a Close frame) has arrived.</summary>
    /// <exception cref="MessageTooLargeException">The message is larger than the maximum.</exception>
    public async ValueTask<ReceivedMessageKind> ReadAsync(CancellationToken cancellationToken)
    {
        _length = 0;
        while (true)
        {
            if (_length == _buffer.Length)
            {
                Grow();
            }

            // Never ask for more than one byte past the maximum: a pooled buffer may be larger than requested.
            var space = (int)Math.Min(_buffer.Length, (long)_maxMessageSize + 1) - _length;
            var result = await _connection.ReceiveAsync(_buffer.AsMemory(_length, space), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReceivedMessageKind.Close;
            }

            _length += result.Count;
            if (_length > _maxMessageSize)
            {
                throw new MessageTooLargeException(_maxMessageSize);
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Binary ? ReceivedMessageKind.Binary : ReceivedMessageKind.Message;
            }
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow()
    {
        if (_buffer.Length > _maxMessageSize)
        {
            throw new MessageTooLargeException(_maxMessageSize);
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, (long)_maxMessageSize + 1));
        Debug.Assert(larger.Length > _buffer.Length, "The pool returns at least the requested size.");
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
