using System.Buffers;
using System.Net.WebSockets;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Connections;

/// <summary>
/// Everything that lives and dies with one WebSocket: the socket, its message reader, its subscribe-request queue and its
/// two background loops (receive, request pump). A <see cref="StreamConnection"/> has one at a time.
/// </summary>
internal sealed class ConnectionSession
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(256);
    private int _closing;
    private long _lastReceivedTimestamp;
    private int _silenceDetected;

    public ConnectionSession(IWebSocketConnection socket, int maxMessageSize, long openedTimestamp, Func<SubscribeRequestQueue> createQueue)
    {
        Socket = socket;
        Reader = new WebSocketMessageReader(socket, maxMessageSize);
        _lastReceivedTimestamp = openedTimestamp;
        Queue = createQueue();
    }

    public IWebSocketConnection Socket { get; }

    public WebSocketMessageReader Reader { get; }

    public SubscribeRequestQueue Queue { get; }

    /// <summary>Cancelled when the session ends; stops both loops. Closing on purpose sends a Close frame first (<see cref="CloseAsync"/>).</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary><see langword="true"/> once the session is being closed on purpose.</summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>When the last message (or the handshake) arrived, as a <see cref="TimeProvider"/> timestamp; read by the watchdog.</summary>
    public long LastReceivedTimestamp
    {
        get => Interlocked.Read(ref _lastReceivedTimestamp);
        set => Interlocked.Exchange(ref _lastReceivedTimestamp, value);
    }

    /// <summary>Set by the data-silence watchdog just before it aborts the socket, so the loss gets the right reason.</summary>
    public bool SilenceDetected
    {
        get => Volatile.Read(ref _silenceDetected) != 0;
        set => Volatile.Write(ref _silenceDetected, value ? 1 : 0);
    }

    /// <summary>Set by the receive loop when the server sent a Close frame: the reconnect then starts at once.</summary>
    public bool ClosedByServer { get; set; }

    /// <summary>The error that ended the session, once ended; <see langword="null"/> for a close on purpose.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The data-silence watchdog, when configured.</summary>
    public ITimer? Watchdog { get; set; }

    public Task ReceiveLoop { get; set; } = Task.CompletedTask;

    public Task RequestPump { get; set; } = Task.CompletedTask;

    /// <summary>Sends one request frame; <paramref name="signature"/> is added to a signed SUBSCRIBE. Only the request pump sends requests.</summary>
    public async Task SendAsync(RequestFrame frame, IReadOnlyList<string>? signature, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _sendBuffer.ResetWrittenCount();
            RequestWriter.Write(_sendBuffer, frame.Method, frame.Streams, signature);
            await Socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Signed frames must not linger in memory longer than needed.
            _sendBuffer.Clear();
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends a Close frame with <paramref name="status"/> and waits, at most <paramref name="timeout"/>, for the receive
    /// loop to see the server's answer; then aborts the socket, so both loops end whatever the server does.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            await SendCloseAsync(status, description, timeoutCts.Token).ConfigureAwait(false);
            await ReceiveLoop.WaitAsync(timeoutCts.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // The server did not answer in time or the socket is already broken: abort below.
        }

        Socket.Abort();
        await Cancellation.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(ReceiveLoop, RequestPump).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Sends a Close frame for a fault of the server's (1009 too big, 1007 bad data) without waiting for the answer.</summary>
    public void CloseForFault(WebSocketCloseStatus status, string description, TimeSpan timeout, TimeProvider timeProvider)
    {
        Interlocked.Exchange(ref _closing, 1);
        _ = CloseForFaultAsync(status, description, timeout, timeProvider);
    }

    private async Task CloseForFaultAsync(WebSocketCloseStatus status, string description, TimeSpan timeout, TimeProvider timeProvider)
    {
        using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            await SendCloseAsync(status, description, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The socket is going away anyway.
        }

        Socket.Abort();
    }

    /// <summary>Sends a Close frame, after any request being sent (one send at a time on a socket).</summary>
    private async Task SendCloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Socket.CloseAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
