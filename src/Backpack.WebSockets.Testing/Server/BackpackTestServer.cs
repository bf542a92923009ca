using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// A fake Backpack Exchange: a real WebSocket and REST server (Kestrel) on <c>127.0.0.1</c> and a free port, that
/// speaks the Backpack stream protocol, records every request and injects faults on demand.
/// </summary>
/// <remarks>
/// <para>
/// WebSocket: upgrades are accepted on any path (<c>/</c>, <c>/stream</c>, ...). Requests are
/// <c>{"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":[...]}</c>; success is silent; failures answer an error frame
/// <c>{"id":null,"error":{"code":...,"message":...}}</c> with a code from <see cref="BackpackErrorCodes"/> and leave
/// the connection open. A SUBSCRIBE is accepted or rejected whole. UNSUBSCRIBE never fails (unknown names are ignored)
/// and needs no signature. Private (<c>account.*</c>) SUBSCRIBEs must be signed with <see cref="BackpackTestServerOptions.ApiPublicKey"/>.
/// </para>
/// <para>
/// REST: <c>GET /api/v1/markets</c>, <c>GET /api/v1/depth</c>, <c>GET /api/v1/time</c>, <c>GET /api/v1/ping</c>,
/// <c>GET /api/v1/status</c>, and the signed account reads of spec §9.5 served from <see cref="Account"/> (signature and
/// window checked against <see cref="BackpackTestServerOptions.ApiPublicKey"/>); <see cref="FailNextRestRequests"/> injects 429 and 503.
/// </para>
/// <para>All public members are thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = publicKey });
/// await server.StartAsync();
/// var simulator = new MarketSimulator(server, new MarketSimulatorOptions { Seed = 42 });
/// // point the client at server.WebSocketUri and server.RestUri, then:
/// await server.WaitForSubscriptionAsync("depth.SOL_USDC");
/// await simulator.StepAsync(100);
/// </code>
/// </example>
public sealed partial class BackpackTestServer : IAsyncDisposable
{
    /// <summary>Lifecycle state: not started yet.</summary>
    private const int StateCreated = 0;

    /// <summary>Lifecycle state: listening.</summary>
    private const int StateStarted = 1;

    /// <summary>Lifecycle state: stopped or disposed; a server cannot restart.</summary>
    private const int StateStopped = 2;

    /// <summary>Guards connections, subscriptions, requests, static books and the fault settings.</summary>
    private readonly Lock _gate = new();

    /// <summary>Wakes the WaitFor* methods when state changes.</summary>
    private readonly ConditionMonitor _monitor = new();

    /// <summary>Cancelled when the server stops; ends every connection's receive loop.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The options given at construction.</summary>
    private readonly BackpackTestServerOptions _options;

    /// <summary>Logs server events; never key material.</summary>
    private readonly ILogger _logger;

    /// <summary>Checks stream names against the known symbols.</summary>
    private readonly StreamNameValidator _streamNames;

    /// <summary>Checks private SUBSCRIBE signatures.</summary>
    private readonly SubscriptionSignatureVerifier _signatureVerifier;

    /// <summary>The web application, once started.</summary>
    private WebApplication? _app;

    /// <summary>The WebSocket address, once started.</summary>
    private Uri? _webSocketUri;

    /// <summary>The REST address, once started.</summary>
    private Uri? _restUri;

    /// <summary>One of the State* constants; changed with <see cref="Interlocked"/>.</summary>
    private int _state;

    /// <summary>The server clock's offset from the time provider, in ticks (read and written atomically).</summary>
    private long _clockOffsetTicks;

    /// <summary>Creates a server; call <see cref="StartAsync"/> to listen.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><see cref="BackpackTestServerOptions.ApiPublicKey"/> is not base64 of a 32-byte Ed25519 public key.</exception>
    public BackpackTestServer(BackpackTestServerOptions? options = null)
    {
        _options = options ?? new BackpackTestServerOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, "options.TimeProvider");
        ArgumentNullException.ThrowIfNull(_options.KnownSymbols, "options.KnownSymbols");
        _logger = _options.LoggerFactory?.CreateLogger<BackpackTestServer>() ?? NullLogger<BackpackTestServer>.Instance;
        _streamNames = new StreamNameValidator(_options.KnownSymbols);
        _signatureVerifier = new SubscriptionSignatureVerifier(_options.ApiPublicKey, _options.MaxSignatureWindow, _options.AllowedClockSkew);
        _clockOffsetTicks = _options.ClockOffset.Ticks;
        Account = new BackpackTestAccount(this);
        _subscribeSnapshotSource = Account.GetSubscribeSnapshot;
    }

    /// <summary>The WebSocket address, <c>ws://127.0.0.1:&lt;port&gt;/</c>.</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public Uri WebSocketUri => _webSocketUri ?? throw NotStarted();

    /// <summary>The REST base address, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public Uri RestUri => _restUri ?? throw NotStarted();

    /// <summary>The clock the server was configured with.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>How far the server's clock runs ahead of <see cref="TimeProvider"/>; may be changed at any time.</summary>
    public TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>The server's current time: <see cref="TimeProvider"/> plus <see cref="ClockOffset"/>. Used for signature checks, <c>/api/v1/time</c> and event times.</summary>
    public DateTimeOffset UtcNow => _options.TimeProvider.GetUtcNow() + ClockOffset;

    /// <summary>Starts listening on <c>127.0.0.1</c> and a free port.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server accepts connections.</returns>
    /// <exception cref="InvalidOperationException">The server was already started, or stopped.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, StateStarted, StateCreated) != StateCreated)
        {
            throw new InvalidOperationException($"The server can be started once; it is {(_state == StateStarted ? "already started" : "stopped")}.");
        }

        // No file watchers: a test run may start hundreds of servers, and each watcher holds an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(WireByteCounter.Middleware)));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.UseWebSockets(CreateWebSocketOptions());
        app.Run(HandleHttpAsync);
        _app = app;

        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        _restUri = new Uri($"http://127.0.0.1:{port}/");
        _webSocketUri = new Uri($"ws://127.0.0.1:{port}/");
        Log.Started(_logger, _webSocketUri);
    }

    /// <summary>Stops the server: drops every connection abruptly, then stops listening. Idempotent; a stopped server cannot restart.</summary>
    /// <param name="cancellationToken">Bounds the graceful part of the shutdown.</param>
    /// <returns>A task that completes when the server no longer listens.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, StateStopped) != StateStarted)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        DropAllConnections();
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Stopped(_logger);
    }

    /// <summary>Stops the server (as <see cref="StopAsync"/>) and releases its resources. Idempotent.</summary>
    /// <returns>A task that completes when the server is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Interlocked.Exchange(ref _state, StateStopped);
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>The configured API public key (base64), for a simulator to check its account against.</summary>
    internal string? ApiPublicKey => _options.ApiPublicKey;

    /// <summary>
    /// Connects a <see cref="MarketSimulator"/>: its symbols become known, REST depth serves its books and new
    /// subscriptions get its snapshot frames.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another simulator is already attached.</exception>
    internal void AttachSimulator(IEnumerable<string> symbols, Func<string, BookSnapshot?> depthSource, Func<string, IReadOnlyList<string>> subscribeSnapshotSource)
    {
        if (Interlocked.CompareExchange(ref _depthSource, depthSource, null) is not null)
        {
            throw new InvalidOperationException("A MarketSimulator is already attached to this server; use one simulator with several markets.");
        }

        _streamNames.AddSymbols(symbols);

        // The account's open positions go to new position subscribers too, after the simulator's.
        var account = Account;
        Volatile.Write(ref _subscribeSnapshotSource, stream => [.. subscribeSnapshotSource(stream), .. account.GetSubscribeSnapshot(stream)]);
    }

    /// <summary>The ASP.NET Core WebSocket options: pings on the configured interval, answered within the configured timeout.</summary>
    private WebSocketOptions CreateWebSocketOptions()
    {
        var options = new WebSocketOptions { KeepAliveInterval = _options.PingInterval };

        // With a timeout set, the server sends Ping frames and aborts on a missing Pong; without one it would send
        // unsolicited Pongs, which is not what the real exchange does.
        options.KeepAliveTimeout = _options.PingInterval > TimeSpan.Zero ? _options.PingTimeout : Timeout.InfiniteTimeSpan;
        return options;
    }

    private static InvalidOperationException NotStarted() =>
        new("The server has no address until StartAsync has completed.");
}
