using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Everything that lives and dies with one WebSocket: the socket, its message reader, its request queue and the two
    /// background loops (receive, request pump).
    /// </summary>
    private sealed class ConnectionSession
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly ArrayBufferWriter<byte> _sendBuffer = new(256);
        private int _closing;
        private StreamRegistration? _inFlight;

        private long _lastReceivedTimestamp;
        private int _silenceDetected;

        public ConnectionSession(IWebSocketConnection socket, int maxMessageSize, long openedTimestamp)
        {
            Socket = socket;
            Reader = new WebSocketMessageReader(socket, maxMessageSize);
            _lastReceivedTimestamp = openedTimestamp;
        }

        public IWebSocketConnection Socket { get; }

        public WebSocketMessageReader Reader { get; }

        /// <summary>
        /// Cancelled when the session ends; stops both loops. Not linked to the client's dispose token: disposing closes the
        /// session with a close handshake first (<see cref="CloseAsync"/>).
        /// </summary>
        public CancellationTokenSource Cancellation { get; } = new();

        /// <summary>SUBSCRIBE / UNSUBSCRIBE requests, sent one at a time by the request pump.</summary>
        public Channel<ServerRequest> Requests { get; } = Channel.CreateUnbounded<ServerRequest>(new UnboundedChannelOptions { SingleReader = true });

        /// <summary>
        /// The SUBSCRIBE waiting for its error window, if any (possibly one whose consumers all left: see
        /// <see cref="StreamRegistration.IsRemoved"/>). Read by the receive loop to attribute error frames.
        /// </summary>
        public StreamRegistration? InFlight
        {
            get => Volatile.Read(ref _inFlight);
            set => Volatile.Write(ref _inFlight, value);
        }

        /// <summary>Ends the error window of <paramref name="registration"/>, unless another SUBSCRIBE is in flight by now.</summary>
        public void ClearInFlight(StreamRegistration registration) => Interlocked.CompareExchange(ref _inFlight, null, registration);

        /// <summary><see langword="true"/> once the client started closing this session on purpose.</summary>
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

        /// <summary>The registrations a reconnect queued on this session, to report which were subscribed again.</summary>
        public List<StreamRegistration> Resubscribed { get; } = [];

        /// <summary>The data-silence watchdog, when configured.</summary>
        public ITimer? Watchdog { get; set; }

        public Task ReceiveLoop { get; set; } = Task.CompletedTask;

        public Task RequestPump { get; set; } = Task.CompletedTask;

        /// <summary>Sends one request frame. Only the request pump and <see cref="CloseAsync"/> send.</summary>
        public async Task SendAsync(string method, IReadOnlyList<string> streams, IReadOnlyList<string>? signature, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _sendBuffer.ResetWrittenCount();
                Protocol.RequestWriter.Write(_sendBuffer, method, streams, signature);
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
        /// Sends a Close frame and waits, at most <paramref name="timeout"/>, for the receive loop to see the server's answer;
        /// then aborts the socket, so both loops end whatever the server does.
        /// </summary>
        public async Task CloseAsync(TimeSpan timeout, TimeProvider timeProvider)
        {
            if (Interlocked.Exchange(ref _closing, 1) != 0)
            {
                return;
            }

            using var timeoutCts = new CancellationTokenSource(timeout, timeProvider);
            try
            {
                await _sendLock.WaitAsync(timeoutCts.Token).ConfigureAwait(false);
                try
                {
                    await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Client closing", timeoutCts.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }

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
    }
}
