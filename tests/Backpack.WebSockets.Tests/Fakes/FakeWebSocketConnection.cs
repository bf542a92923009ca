using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IWebSocketConnection"/>: tests push server frames in and read the client's requests out.
/// A frame larger than the client's buffer is handed over in pieces, as a real socket would.
/// </summary>
public sealed class FakeWebSocketConnection : IWebSocketConnection
{
    private readonly Channel<Incoming> _incoming = Channel.CreateUnbounded<Incoming>();
    private readonly Channel<string> _sent = Channel.CreateUnbounded<string>();
    private readonly List<string> _sentLog = [];
    private Incoming? _partial;
    private int _partialOffset;
    private TaskCompletionSource? _sendGate;

    /// <summary>When true (the default), a Close sent by the client is answered with a Close frame.</summary>
    public bool AnswerClose { get; set; } = true;

    public bool IsAborted { get; private set; }

    public int CloseCallCount { get; private set; }

    /// <summary>The status of the last Close frame the client sent, if it sent one.</summary>
    public WebSocketCloseStatus? SentCloseStatus { get; private set; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseStatusDescription { get; private set; }

    /// <summary>Every text frame the client sent, in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sentLog)
            {
                return [.. _sentLog];
            }
        }
    }

    public void PushText(string json) => PushBytes(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true);

    /// <summary>Pushes one message split into frames of <paramref name="fragmentSize"/> bytes.</summary>
    public void PushFragmented(string json, int fragmentSize)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        for (var offset = 0; offset < bytes.Length; offset += fragmentSize)
        {
            var count = Math.Min(fragmentSize, bytes.Length - offset);
            PushBytes(bytes.AsSpan(offset, count).ToArray(), WebSocketMessageType.Text, offset + count == bytes.Length);
        }
    }

    public void PushBytes(byte[] payload, WebSocketMessageType type, bool endOfMessage) =>
        _incoming.Writer.TryWrite(new Incoming(payload, type, endOfMessage, null));

    public void PushClose(WebSocketCloseStatus status, string description) =>
        _incoming.Writer.TryWrite(new Incoming([], WebSocketMessageType.Close, true, null) { Status = status, Description = description });

    /// <summary>Makes the pending (or next) receive fail, as a dropped TCP connection does.</summary>
    public void Fail(Exception exception) => _incoming.Writer.TryWrite(new Incoming([], WebSocketMessageType.Text, true, exception));

    /// <summary>Waits for the next frame the client sends.</summary>
    public async Task<string> ReadSentAsync(CancellationToken cancellationToken = default) =>
        await _sent.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TestTimeouts.Hang, cancellationToken);

    /// <summary>
    /// Makes every later send record its frame (so <see cref="ReadSentAsync"/> sees it) but not return until
    /// <see cref="ReleaseSends"/>, to hold the client between "the frame is on the wire" and "the send returned".
    /// </summary>
    public void HoldSends() => Volatile.Write(ref _sendGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets the sends held by <see cref="HoldSends"/> return, and later sends return at once.</summary>
    public void ReleaseSends() => Interlocked.Exchange(ref _sendGate, null)?.TrySetResult();

    /// <summary>True when the client sent a frame that nobody read with <see cref="ReadSentAsync"/> yet.</summary>
    public bool HasUnreadSent => _sent.Reader.Count > 0;

    public async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var frame = _partial;
        if (frame is null)
        {
            try
            {
                frame = await _incoming.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The fake connection was aborted.");
            }

            _partialOffset = 0;
        }

        if (frame.Error is not null)
        {
            throw frame.Error;
        }

        if (frame.Type == WebSocketMessageType.Close)
        {
            CloseStatus = frame.Status;
            CloseStatusDescription = frame.Description;
            return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true);
        }

        var remaining = frame.Payload.Length - _partialOffset;
        var count = Math.Min(remaining, buffer.Length);
        frame.Payload.AsSpan(_partialOffset, count).CopyTo(buffer.Span);
        _partialOffset += count;
        var done = _partialOffset == frame.Payload.Length;
        _partial = done ? null : frame;
        return new ValueWebSocketReceiveResult(count, frame.Type, done && frame.EndOfMessage);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (IsAborted)
        {
            throw new WebSocketException(WebSocketError.InvalidState, "The fake connection was aborted.");
        }

        var text = Encoding.UTF8.GetString(buffer.Span);
        lock (_sentLog)
        {
            _sentLog.Add(text);
        }

        _sent.Writer.TryWrite(text);
        return Volatile.Read(ref _sendGate) is { } gate ? new ValueTask(gate.Task.WaitAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        CloseCallCount++;
        SentCloseStatus = closeStatus;
        if (AnswerClose)
        {
            PushClose(closeStatus, statusDescription ?? string.Empty);
        }

        return Task.CompletedTask;
    }

    public void Abort()
    {
        IsAborted = true;
        _incoming.Writer.TryComplete();
    }

    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    private sealed record Incoming(byte[] Payload, WebSocketMessageType Type, bool EndOfMessage, Exception? Error)
    {
        public WebSocketCloseStatus? Status { get; init; }

        public string? Description { get; init; }
    }
}
