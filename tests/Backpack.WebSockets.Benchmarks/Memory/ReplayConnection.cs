using System.Net.WebSockets;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Benchmarks.Memory;

/// <summary>
/// An in-memory <see cref="IWebSocketConnection"/> that, after the client's first request (its SUBSCRIBE), replays one
/// frame <c>count</c> times as fast as the client's receive loop asks, reporting progress every <c>sampleEvery</c>
/// frames; then it stays open until the client closes it.
/// </summary>
internal sealed class ReplayConnection : IWebSocketConnection
{
    private readonly byte[] _frame;
    private readonly long _count;
    private readonly long _sampleEvery;
    private readonly Action<long> _onProgress;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _replayed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sent;

    public ReplayConnection(byte[] frame, long count, long sampleEvery, Action<long> onProgress)
    {
        _frame = frame;
        _count = count;
        _sampleEvery = sampleEvery;
        _onProgress = onProgress;
    }

    /// <summary>Completes once every frame was handed to the client.</summary>
    public Task Replayed => _replayed.Task;

    public WebSocketCloseStatus? CloseStatus => _closed.Task.IsCompleted ? WebSocketCloseStatus.NormalClosure : null;

    public string? CloseStatusDescription => null;

    // Recorded frames are replayed already inflated, as ClientWebSocket hands them to the reader.
    public bool IsCompressed => false;

    public ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_started.Task.IsCompleted || _sent == _count)
        {
            return WaitAsync(buffer, cancellationToken);
        }

        _frame.CopyTo(buffer);
        if (++_sent % _sampleEvery == 0)
        {
            _onProgress(_sent);
        }

        return new ValueTask<ValueWebSocketReceiveResult>(new ValueWebSocketReceiveResult(_frame.Length, WebSocketMessageType.Text, endOfMessage: true));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        return ValueTask.CompletedTask;
    }

    public Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _closed.TrySetResult();
        return Task.CompletedTask;
    }

    public void Abort() => _closed.TrySetResult();

    public ValueTask DisposeAsync()
    {
        _closed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<ValueWebSocketReceiveResult> WaitAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // The SUBSCRIBE may have been sent since ReceiveAsync looked: check again after the wait, never before it.
        await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_sent < _count)
        {
            return await ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        _replayed.TrySetResult();
        await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, endOfMessage: true);
    }
}
