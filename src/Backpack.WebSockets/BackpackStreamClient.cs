using System.Collections.Concurrent;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets;

/// <summary>
/// The client for Backpack Exchange WebSocket streams: one connection that carries every public and private stream,
/// delivered as typed <see cref="IAsyncEnumerable{T}"/> subscriptions.
/// </summary>
/// <remarks>
/// <para>
/// Subscribe with a descriptor from <see cref="BackpackStreams"/>; the first subscribe connects. Two subscriptions to the
/// same stream share one server subscription and each receives every item. Private (<c>account.*</c>) subscribes are signed
/// with a fresh timestamp each time they are sent.
/// </para>
/// <para>
/// All members are thread-safe. One receive loop reads the socket and never waits for a consumer; each consumer has a
/// bounded buffer of its own (see <see cref="BackpackSubscription{T}"/>).
/// </para>
/// <para>
/// The connection does not come back by itself yet: when it is lost, every subscription ends with
/// <see cref="BackpackStreamErrorCode.ConnectionLost"/>, the state returns to <see cref="BackpackConnectionState.Disconnected"/>,
/// and the next subscribe connects again.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var client = new BackpackStreamClient(new BackpackStreamClientOptions());
/// await using var trades = await client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC"), cancellationToken);
/// await foreach (var trade in trades.WithCancellation(cancellationToken))
/// {
///     Console.WriteLine($"{trade.Price} x {trade.Quantity}");
/// }
/// </code>
/// </example>
public partial class BackpackStreamClient : IAsyncDisposable, ISubscriptionOwner
{
    /// <summary>Guards the registry, the current session and the state.</summary>
    private readonly Lock _gate = new();

    /// <summary>Serializes connection attempts.</summary>
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    /// <summary>Stream name to registration. Written under <see cref="_gate"/>; read lock-free by the receive loop.</summary>
    private readonly ConcurrentDictionary<string, StreamRegistration> _registry = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, StreamRegistration>.AlternateLookup<ReadOnlySpan<char>> _registryByChars;
    private readonly CancellationTokenSource _disposeCts = new();
    private readonly BackpackStreamClientOptions _options = null!;
    private readonly IWebSocketConnector _connector = null!;
    private readonly TimeProvider _timeProvider = null!;
    private readonly ILogger _logger = null!;
    private readonly Ed25519Signer? _signer;

    /// <summary>The registration the receive loop routed to last; frames of one stream come in runs.</summary>
    private StreamRegistration? _lastRouted;

    private ConnectionSession? _session;
    private BackpackConnectionState _state;
    private Task? _disposeTask;
    private long _parseFailureCount;
    private long _unattributedErrorCount;

    /// <summary>Creates a client with the given options and the default <see cref="ClientWebSocketConnector"/>.</summary>
    /// <param name="options">The options; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the API secret is not a valid Ed25519 key.</exception>
    public BackpackStreamClient(BackpackStreamClientOptions options)
        : this(Microsoft.Extensions.Options.Options.Create(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Creates a client for dependency injection and tests.</summary>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="connector">Opens WebSocket connections; defaults to <see cref="ClientWebSocketConnector"/>.</param>
    /// <param name="timeProvider">The clock for signatures and timeouts; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where logs go; defaults to none.</param>
    /// <param name="httpClient">For REST calls (depth snapshots, server time); optional.</param>
    /// <exception cref="ArgumentException">The options are invalid, or the API secret is not a valid Ed25519 key.</exception>
    public BackpackStreamClient(
        IOptions<BackpackStreamClientOptions> options,
        IWebSocketConnector? connector = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value ?? throw new ArgumentException("The options value is null.", nameof(options));
        value.Validate();
        _options = value.Clone();
        _connector = connector ?? new ClientWebSocketConnector(_options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BackpackStreamClient>();
        HttpClient = httpClient;
        _registryByChars = _registry.GetAlternateLookup<ReadOnlySpan<char>>();
        _signer = CreateSigner(_options);
    }

    /// <summary>Creates an uninitialized client, for mocking frameworks only.</summary>
    protected BackpackStreamClient()
    {
        _registryByChars = _registry.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Raised when the connection ended: with the error that ended it, or <see langword="null"/> after <see cref="DisposeAsync"/>.</summary>
    /// <remarks>Raised on the thread pool, never on the receive loop; exceptions from handlers are logged and swallowed.</remarks>
    public event Func<Exception?, Task>? Closed;

    /// <summary>The connection's current state.</summary>
    public virtual BackpackConnectionState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The options the client was created with (a copy).</summary>
    public virtual BackpackStreamClientOptions Options => _options;

    /// <summary>The base64 public key that signs private subscribes, or <see langword="null"/> without credentials.</summary>
    public virtual string? ApiKey => _signer?.PublicKeyBase64;

    /// <summary>How many frames could not be read (malformed JSON or payload). Each one was logged and skipped.</summary>
    public long ParseFailureCount => Interlocked.Read(ref _parseFailureCount);

    /// <summary>How many server error frames arrived while no SUBSCRIBE was waiting for an answer. Each one was logged.</summary>
    public long UnattributedErrorCount => Interlocked.Read(ref _unattributedErrorCount);

    /// <summary>The stream names with a live server subscription, for diagnostics.</summary>
    public virtual IReadOnlyCollection<string> ActiveStreams => [.. _registry.Keys];

    /// <summary>The HTTP client for REST calls, when one was given.</summary>
    internal HttpClient? HttpClient { get; }

    /// <summary>Connects now, rather than on the first subscribe. Does nothing when already connected.</summary>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>A task that completes when connected.</returns>
    /// <exception cref="BackpackStreamException">The handshake failed (<see cref="BackpackStreamErrorCode.ConnectionFailed"/>).</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public virtual async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the connection and ends every subscription with <see cref="BackpackStreamErrorCode.ClientClosed"/>.
    /// Idempotent; completes within about <see cref="BackpackStreamClientOptions.CloseTimeout"/> even if the server never
    /// answers the close handshake.
    /// </summary>
    /// <returns>A task that completes when the connection is closed and no background work remains.</returns>
    public virtual ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposeTask ??= DisposeCoreAsync();
        }

        return new ValueTask(_disposeTask);
    }

    private static Ed25519Signer? CreateSigner(BackpackStreamClientOptions options)
    {
        if (!options.HasCredentials)
        {
            return null;
        }

        var signer = Ed25519Signer.FromBase64SecretKey(options.ApiSecret!);
        if (!string.IsNullOrEmpty(options.ApiKey) && !string.Equals(options.ApiKey, signer.PublicKeyBase64, StringComparison.Ordinal))
        {
            signer.Dispose();
            throw new ArgumentException(
                $"{nameof(BackpackStreamClientOptions.ApiKey)} does not match the public key derived from {nameof(BackpackStreamClientOptions.ApiSecret)}.",
                nameof(options));
        }

        return signer;
    }

    private async Task DisposeCoreAsync()
    {
        ConnectionSession? session;
        lock (_gate)
        {
            _state = BackpackConnectionState.Closed;
            session = _session;
        }

        Log.Disposing(_logger);
        await _disposeCts.CancelAsync().ConfigureAwait(false);
        if (session is not null)
        {
            await session.CloseAsync(_options.CloseTimeout, _timeProvider).ConfigureAwait(false);
            EndSession(session, null);
        }

        // Subscriptions made while no session existed (none can be) and any left over end here too.
        FailAllRegistrations(new BackpackStreamException(BackpackStreamErrorCode.ClientClosed, "The client was disposed."));
        _signer?.Dispose();
        _connectLock.Dispose();
        _disposeCts.Dispose();
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposeTask is not null, this);
    }

    private void RaiseClosed(Exception? exception)
    {
        var handler = Closed;
        if (handler is null)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            foreach (var single in handler.GetInvocationList().Cast<Func<Exception?, Task>>())
            {
                try
                {
                    await single(exception).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log.EventHandlerFailed(_logger, nameof(Closed), ex);
                }
            }
        });
    }
}
