using Backpack.WebSockets.Streams;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

/// <summary>
/// The client's connections: places each stream on exactly one of them, opens connections as needed, and closes an extra
/// connection once its last stream is gone.
/// </summary>
/// <remarks>
/// Placement happens under one lock, and a stream joins its connection's table under it, so any number of concurrent
/// subscribes of one stream give one SUBSCRIBE on one socket, and a connection is never closed while a stream is being
/// placed on it. The first public connection stays open for the client's lifetime; every other one (extra public ones
/// past <see cref="MaxStreamsPerConnection"/>, the private one) is closed <see cref="IdleCloseDelay"/> after it carries no
/// stream any more, unless a stream arrives meanwhile.
/// </remarks>
internal sealed partial class ConnectionPool : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<StreamConnection> _connections = [];
    private readonly Func<int, bool, StreamConnection> _create;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<StreamConnection, ITimer> _idleTimers = [];
    private int _nextId;
    private bool _disposed;

    /// <param name="create">Creates a connection with an id and whether it is the private one.</param>
    /// <param name="maxStreamsPerConnection">The most streams one connection carries.</param>
    /// <param name="dedicatedPrivateConnection">Whether <c>account.*</c> streams get connections of their own.</param>
    /// <param name="idleCloseDelay">How long an extra connection without streams stays open.</param>
    /// <param name="timeProvider">The clock of that delay.</param>
    /// <param name="logger">Where the pool logs.</param>
    public ConnectionPool(
        Func<int, bool, StreamConnection> create,
        int maxStreamsPerConnection,
        bool dedicatedPrivateConnection,
        TimeSpan idleCloseDelay,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _create = create;
        MaxStreamsPerConnection = maxStreamsPerConnection;
        DedicatedPrivateConnection = dedicatedPrivateConnection;
        IdleCloseDelay = idleCloseDelay;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public int MaxStreamsPerConnection { get; }

    public bool DedicatedPrivateConnection { get; }

    public TimeSpan IdleCloseDelay { get; }

    /// <summary>The open connections, in the order they were opened.</summary>
    public IReadOnlyList<StreamConnection> Connections
    {
        get
        {
            lock (_lock)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>How many connections are open (the connections gauge).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>The first public connection, opened when needed: what <c>ConnectAsync</c> connects.</summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public StreamConnection GetPrimary()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connections.Find(c => !c.IsPrivate) ?? Open(isPrivate: false);
        }
    }

    /// <summary>
    /// Places a new stream: on the first connection of its kind with room, else on a new one. The stream joins that
    /// connection's table (its SUBSCRIBE is queued there) before the lock is released.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public StreamConnection Place(StreamRegistration registration)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var isPrivate = DedicatedPrivateConnection && registration.IsPrivate;
            var target = _connections.Find(c => c.IsPrivate == isPrivate && c.StreamCount < MaxStreamsPerConnection && c.State != BackpackConnectionState.Closed)
                ?? Open(isPrivate);
            CancelIdleClose(target);
            target.Add(registration);
            return target;
        }
    }

    /// <summary>A stream left <paramref name="connection"/>: an extra connection with none left is closed after the delay.</summary>
    public void OnStreamRemoved(StreamConnection connection)
    {
        lock (_lock)
        {
            if (_disposed || connection.StreamCount > 0 || _idleTimers.ContainsKey(connection) || IsPrimary(connection) || !_connections.Contains(connection))
            {
                return;
            }

            _idleTimers[connection] = _timeProvider.CreateTimer(
                static state =>
                {
                    var (pool, idle) = ((ConnectionPool, StreamConnection))state!;
                    pool.CloseIfIdle(idle);
                },
                (this, connection),
                IdleCloseDelay,
                Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Closes every connection (close handshakes in parallel) and returns the streams they carried.</summary>
    public async Task<StreamRegistration[]> CloseAllAsync()
    {
        StreamConnection[] connections;
        lock (_lock)
        {
            _disposed = true;
            connections = [.. _connections];
            foreach (var timer in _idleTimers.Values)
            {
                timer.Dispose();
            }

            _idleTimers.Clear();
        }

        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        return [.. connections.SelectMany(c => c.TakeAll())];
    }

    public async ValueTask DisposeAsync() => await CloseAllAsync().ConfigureAwait(false);

    private bool IsPrimary(StreamConnection connection) => ReferenceEquals(_connections.Find(c => !c.IsPrivate), connection);

    /// <summary>Opens a connection slot (its socket opens on the first subscribe). The caller holds <see cref="_lock"/>.</summary>
    private StreamConnection Open(bool isPrivate)
    {
        var connection = _create(++_nextId, isPrivate);
        _connections.Add(connection);
        if (_connections.Count > 1)
        {
            Log.ConnectionAdded(_logger, connection.Id, isPrivate, _connections.Count, MaxStreamsPerConnection);
        }

        return connection;
    }

    private void CancelIdleClose(StreamConnection connection)
    {
        if (_idleTimers.Remove(connection, out var timer))
        {
            timer.Dispose();
        }
    }

    private void CloseIfIdle(StreamConnection connection)
    {
        lock (_lock)
        {
            if (!_idleTimers.Remove(connection, out var timer))
            {
                return;
            }

            timer.Dispose();
            if (_disposed || connection.StreamCount > 0)
            {
                return;
            }

            _connections.Remove(connection);
        }

        Log.IdleConnectionClosed(_logger, connection.Id, IdleCloseDelay);
        _ = connection.DisposeAsync().AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }
}
