using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Hands out <see cref="FakeWebSocketConnection"/>s and records every connection attempt.</summary>
public sealed class FakeWebSocketConnector : IWebSocketConnector
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _failures = new();
    private readonly List<FakeWebSocketConnection> _connections = [];
    private readonly List<(int Index, TaskCompletionSource<FakeWebSocketConnection> Signal)> _waiters = [];
    private int _attemptCount;
    private TaskCompletionSource? _connectGate;

    public int AttemptCount => Volatile.Read(ref _attemptCount);

    public IReadOnlyList<FakeWebSocketConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>The connection handed out last.</summary>
    public FakeWebSocketConnection Current
    {
        get
        {
            lock (_connections)
            {
                return _connections[^1];
            }
        }
    }

    /// <summary>Completes with the connection handed out as number <paramref name="index"/> (0-based), once it was.</summary>
    public Task<FakeWebSocketConnection> WaitForConnectionAsync(int index)
    {
        lock (_connections)
        {
            if (_connections.Count > index)
            {
                return Task.FromResult(_connections[index]);
            }

            var signal = new TaskCompletionSource<FakeWebSocketConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((index, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    public Uri? LastEndpoint { get; private set; }

    /// <summary>Makes handshakes wait until <see cref="ReleaseConnects"/>, as a slow network would.</summary>
    public void HoldConnects() => Volatile.Write(ref _connectGate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets held handshakes complete.</summary>
    public void ReleaseConnects() => Interlocked.Exchange(ref _connectGate, null)?.TrySetResult();

    /// <summary>Makes the next attempt fail with <paramref name="exception"/>.</summary>
    public void FailNext(Exception exception) => _failures.Enqueue(exception);

    public Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _connectGate) is { } gate)
        {
            return WaitThenConnectAsync(gate.Task, endpoint, cancellationToken);
        }

        return Connect(endpoint, cancellationToken);
    }

    private async Task<IWebSocketConnection> WaitThenConnectAsync(Task gate, Uri endpoint, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return await Connect(endpoint, cancellationToken);
    }

    private Task<IWebSocketConnection> Connect(Uri endpoint, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attemptCount);
        LastEndpoint = endpoint;
        cancellationToken.ThrowIfCancellationRequested();
        if (_failures.TryDequeue(out var failure))
        {
            return Task.FromException<IWebSocketConnection>(failure);
        }

        var connection = new FakeWebSocketConnection();
        lock (_connections)
        {
            _connections.Add(connection);
            foreach (var waiter in _waiters.Where(w => w.Index == _connections.Count - 1).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult(connection);
            }
        }

        return Task.FromResult<IWebSocketConnection>(connection);
    }
}
