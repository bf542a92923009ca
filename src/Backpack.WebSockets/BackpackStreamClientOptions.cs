using System.Net.WebSockets;
using Backpack.WebSockets.Recording;

namespace Backpack.WebSockets;

/// <summary>
/// Settings for a <see cref="BackpackStreamClient"/>. Read once, when the client is constructed.
/// </summary>
/// <remarks>
/// Setters reject values that are out of range with <see cref="ArgumentOutOfRangeException"/>; the client validates the
/// whole object again at construction (for options bound from configuration). <see cref="ToString"/> never shows
/// <see cref="ApiSecret"/>.
/// </remarks>
public sealed class BackpackStreamClientOptions
{
    /// <summary>The production WebSocket endpoint, <c>wss://ws.backpack.exchange</c>.</summary>
    public static readonly Uri DefaultEndpoint = new("wss://ws.backpack.exchange");

    /// <summary>The production REST endpoint, <c>https://api.backpack.exchange</c>.</summary>
    public static readonly Uri DefaultRestEndpoint = new("https://api.backpack.exchange");

    /// <summary>The default signature window, 5 seconds (Backpack's own default).</summary>
    public static readonly TimeSpan DefaultSignatureWindow = TimeSpan.FromSeconds(5);

    /// <summary>The largest signature window Backpack accepts, 60 seconds.</summary>
    public static readonly TimeSpan MaxSignatureWindow = TimeSpan.FromSeconds(60);

    /// <summary>The default buffer of a market-data consumer, in items.</summary>
    public const int DefaultStreamCapacity = 1024;

    /// <summary>The default buffer of a private (<c>account.*</c>) consumer, in items.</summary>
    public const int DefaultPrivateStreamCapacity = 16384;

    /// <summary>The default largest message accepted from the server, 4 MiB.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>The default most streams one connection carries, 1000 (Backpack publishes no limit).</summary>
    public const int DefaultMaxStreamsPerConnection = 1000;

    /// <summary>The default time an extra connection without streams stays open, 5 seconds.</summary>
    public static readonly TimeSpan DefaultIdleConnectionCloseDelay = TimeSpan.FromSeconds(5);

    /// <summary>The default time the client waits for an error frame after a SUBSCRIBE, 1 second.</summary>
    public static readonly TimeSpan DefaultSubscribeErrorWindow = TimeSpan.FromSeconds(1);

    private Uri _endpoint = DefaultEndpoint;
    private Uri _restEndpoint = DefaultRestEndpoint;
    private TimeSpan _signatureWindow = DefaultSignatureWindow;
    private int _streamCapacity = DefaultStreamCapacity;
    private int _privateStreamCapacity = DefaultPrivateStreamCapacity;
    private int _maxMessageSize = DefaultMaxMessageSize;
    private TimeSpan _subscribeErrorWindow = DefaultSubscribeErrorWindow;
    private TimeSpan _connectTimeout = TimeSpan.FromSeconds(10);
    private TimeSpan _closeTimeout = TimeSpan.FromSeconds(2);
    private TimeSpan _keepAliveInterval = TimeSpan.FromSeconds(30);
    private TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan? _dataSilenceTimeout;
    private int _maxStreamsPerConnection = DefaultMaxStreamsPerConnection;
    private TimeSpan _idleConnectionCloseDelay = DefaultIdleConnectionCloseDelay;
    private TimeSpan? _silentStreamTimeout;

    /// <summary>The WebSocket endpoint.</summary>
    /// <value>
    /// Defaults to <see cref="DefaultEndpoint"/>. Must be an absolute <c>wss://</c> URI, or <c>ws://</c> on a loopback host
    /// (or anywhere when <see cref="AllowInsecureTransport"/> is set).
    /// </value>
    public Uri Endpoint
    {
        get => _endpoint;
        set => _endpoint = ValidateEndpoint(value, nameof(Endpoint), "ws", "wss");
    }

    /// <summary>The REST endpoint, used for depth snapshots and server time.</summary>
    /// <value>
    /// Defaults to <see cref="DefaultRestEndpoint"/>. Must be an absolute <c>https://</c> URI, or <c>http://</c> on a loopback
    /// host (or anywhere when <see cref="AllowInsecureTransport"/> is set).
    /// </value>
    public Uri RestEndpoint
    {
        get => _restEndpoint;
        set => _restEndpoint = ValidateEndpoint(value, nameof(RestEndpoint), "http", "https");
    }

    /// <summary>The API key: the base64 Ed25519 public key. Optional: needed only for <c>account.*</c> streams.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>. When <see cref="ApiSecret"/> is set the public key is derived from it; if this is
    /// set too, it must match the derived key.
    /// </value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API secret: base64 of the 32-byte Ed25519 seed (or of the 64-byte seed followed by the public key).
    /// Optional: needed only for <c>account.*</c> streams. Never logged and never shown by <see cref="ToString"/>.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ApiSecret { get; set; }

    /// <summary>How long a signed private SUBSCRIBE stays valid after its timestamp.</summary>
    /// <value>Defaults to <see cref="DefaultSignatureWindow"/> (5 s); from 1 ms to <see cref="MaxSignatureWindow"/> (60 s).</value>
    public TimeSpan SignatureWindow
    {
        get => _signatureWindow;
        set => _signatureWindow = OptionRanges.Check(value, TimeSpan.FromMilliseconds(1), MaxSignatureWindow, nameof(SignatureWindow));
    }

    /// <summary>
    /// How many items each market-data consumer may have unread. When full, the oldest item is dropped and counted in
    /// <see cref="BackpackSubscription{T}.DroppedCount"/>.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultStreamCapacity"/>; must be positive.</value>
    public int StreamCapacity
    {
        get => _streamCapacity;
        set => _streamCapacity = ValidatePositive(value, nameof(StreamCapacity));
    }

    /// <summary>
    /// How many items each private (<c>account.*</c>) consumer may have unread. Private items are never dropped: when full,
    /// the subscription fails with <see cref="BackpackStreamErrorCode.SlowConsumer"/>.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultPrivateStreamCapacity"/>; must be positive.</value>
    public int PrivateStreamCapacity
    {
        get => _privateStreamCapacity;
        set => _privateStreamCapacity = ValidatePositive(value, nameof(PrivateStreamCapacity));
    }

    /// <summary>
    /// The largest message accepted from the server, in bytes, counted after inflating a compressed one. A larger one
    /// closes the connection with <see cref="BackpackStreamErrorCode.MessageTooLarge"/> rather than growing memory.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxMessageSize"/> (4 MiB); from 1 KiB to 1 GiB.</value>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set => _maxMessageSize = OptionRanges.Check(value, 1024, 1024 * 1024 * 1024, nameof(MaxMessageSize));
    }

    /// <summary>
    /// How long the client waits for an error frame after sending a SUBSCRIBE before it treats the subscription as accepted.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultSubscribeErrorWindow"/> (1 s); from 1 ms to 60 s.</value>
    /// <remarks>
    /// Backpack acknowledges a successful SUBSCRIBE with silence and its error frames carry <c>"id": null</c>, so an error
    /// frame belongs to the SUBSCRIBEs in flight (sent, unconfirmed, within their window); among several, the client narrows
    /// it down by sending halves again. Streams subscribed together share one frame and one window. A data frame on a
    /// requested stream confirms it at once, so busy public streams rarely wait the whole window. A SUBSCRIBE whose
    /// consumers all left before its answer stays the target of a late error frame until its window ends.
    /// </remarks>
    public TimeSpan SubscribeErrorWindow
    {
        get => _subscribeErrorWindow;
        set => _subscribeErrorWindow = OptionRanges.Check(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60), nameof(SubscribeErrorWindow));
    }

    /// <summary>The longest a WebSocket handshake may take.</summary>
    /// <value>Defaults to 10 s; from 1 ms to 5 minutes.</value>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        set => _connectTimeout = OptionRanges.Check(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5), nameof(ConnectTimeout));
    }

    /// <summary>The longest <c>DisposeAsync</c> waits for the server to answer the close handshake before aborting.</summary>
    /// <value>Defaults to 2 s; from zero to 1 minute.</value>
    public TimeSpan CloseTimeout
    {
        get => _closeTimeout;
        set => _closeTimeout = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(CloseTimeout));
    }

    /// <summary>How often the client pings the server (<see cref="ClientWebSocketOptions.KeepAliveInterval"/>).</summary>
    /// <value>Defaults to 30 s; zero disables client pings (server pings are still answered).</value>
    public TimeSpan KeepAliveInterval
    {
        get => _keepAliveInterval;
        set => _keepAliveInterval = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(KeepAliveInterval));
    }

    /// <summary>How long the client waits for the pong to its ping before it considers the connection dead (<see cref="ClientWebSocketOptions.KeepAliveTimeout"/>).</summary>
    /// <value>Defaults to 30 s; zero or <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</value>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        set => _keepAliveTimeout = value == Timeout.InfiniteTimeSpan
            ? value
            : OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(KeepAliveTimeout));
    }

    /// <summary>Decides whether and when the client reconnects after the connection was lost.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>: <see cref="BackpackReconnectPolicy.Default"/> (never gives up; 0 s, 1 s, 2 s, 4 s …
    /// up to 30 s). Set <see cref="BackpackReconnectPolicy.Never"/> (or any policy that returns <see langword="null"/>) to
    /// disable reconnects: a lost connection then ends every subscription with <see cref="BackpackStreamErrorCode.ConnectionLost"/>.
    /// </value>
    public BackpackReconnectPolicy? ReconnectPolicy { get; set; }

    /// <summary>
    /// Whether to estimate the offset between the local clock and the exchange's from <c>GET {RestEndpoint}/api/v1/time</c>
    /// before each connection, and add it to the timestamps of signed private subscribes.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="false"/>. Turn it on when the local clock may be off by more than
    /// <see cref="SignatureWindow"/>. Used only with credentials; a failed time request is logged and the last offset kept.
    /// </value>
    public bool SynchronizeClock { get; set; }

    /// <summary>
    /// How long a connection that carries a stream known to tick (<c>ticker.*</c>, <c>markPrice.*</c>) may stay silent
    /// before the client treats it as dead and reconnects.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/> (off). From 1 s to 1 hour. Connections that carry only quiet streams (private
    /// streams, trades of an idle market) are never judged by it.
    /// </value>
    public TimeSpan? DataSilenceTimeout
    {
        get => _dataSilenceTimeout;
        set => _dataSilenceTimeout = value is { } timeout
            ? OptionRanges.Check(timeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(DataSilenceTimeout))
            : null;
    }

    /// <summary>
    /// The most streams one connection carries. Past it the client opens another connection (with its own receive loop
    /// and reconnects) and subscribes further streams there; consumers see no difference.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxStreamsPerConnection"/>; from 1 to 100,000.</value>
    /// <remarks>
    /// Every connection reconnects on its own, subscribing again only its own streams; the client raises their
    /// <c>Reconnecting</c> and <c>Reconnected</c> events, each naming the connection. See <c>client.Connections</c>.
    /// </remarks>
    public int MaxStreamsPerConnection
    {
        get => _maxStreamsPerConnection;
        set => _maxStreamsPerConnection = OptionRanges.Check(value, 1, 100_000, nameof(MaxStreamsPerConnection));
    }

    /// <summary>
    /// Whether private (<c>account.*</c>) streams get a connection of their own, so that a burst of public market data
    /// never sits in front of an order update in the same TCP stream, and a public reconnect never touches them.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>. The private connection opens with the first private subscribe.</value>
    public bool DedicatedPrivateConnection { get; set; } = true;

    /// <summary>
    /// How long a connection other than the first public one stays open once it carries no stream (its streams were all
    /// released), in case one comes back; then it is closed and leaves <c>client.Connections</c>.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultIdleConnectionCloseDelay"/>; from zero to 1 hour.</value>
    public TimeSpan IdleConnectionCloseDelay
    {
        get => _idleConnectionCloseDelay;
        set => _idleConnectionCloseDelay = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromHours(1), nameof(IdleConnectionCloseDelay));
    }

    /// <summary>
    /// Whether <c>SubscribeAsync</c> checks a stream's market against the exchange's markets (<c>GET /api/v1/markets</c>,
    /// read once and cached, read again every 5 minutes and when an unknown symbol is asked for, at most every 30 s) and
    /// refuses a market that does not exist or is closed with <see cref="BackpackStreamErrorCode.SubscriptionRejected"/>
    /// before anything is sent. The exchange itself answers such a SUBSCRIBE with silence, so without the check a mistyped
    /// symbol is a stream that never delivers.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="true"/>. Streams of no market (<c>liquidation</c>, <c>account.balanceUpdate</c>, unscoped
    /// private streams, stock tickers, <c>externalTicker</c>) are not checked. When the catalog cannot be read, the subscribe
    /// goes ahead with a warning, unless <see cref="RequireMarketCatalog"/> is set.
    /// </value>
    public bool ValidateSymbols { get; set; } = true;

    /// <summary>
    /// Whether a subscribe fails (<see cref="BackpackStreamErrorCode.RequestFailed"/>, transient) when the markets catalog
    /// cannot be read, rather than going ahead with a warning. Only with <see cref="ValidateSymbols"/>.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool RequireMarketCatalog { get; set; }

    /// <summary>
    /// How long a newly accepted stream may go without its first item before the client logs a warning and marks its
    /// subscriptions silent (<see cref="BackpackSubscription{T}.IsSilent"/>): a symbol the exchange does not know, a closed
    /// market or a stream that is quiet by nature (klines of an idle market, an idle account) look the same on the wire.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (off). From 1 s to 1 day.</value>
    public TimeSpan? SilentStreamTimeout
    {
        get => _silentStreamTimeout;
        set => _silentStreamTimeout = value is { } timeout
            ? OptionRanges.Check(timeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), nameof(SilentStreamTimeout))
            : null;
    }

    /// <summary>
    /// Whether a connect that fails before the connection ever succeeded follows <see cref="ReconnectPolicy"/> too, rather
    /// than failing the <c>ConnectAsync</c> or <c>SubscribeAsync</c> that started it.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="false"/>, so a wrong endpoint fails fast with <see cref="BackpackStreamErrorCode.ConnectionFailed"/>.
    /// Turn it on for services that start before the network is up; the caller's cancellation token still bounds the wait.
    /// </value>
    public bool RetryFirstConnect { get; set; }

    /// <summary>
    /// Allows plain <c>ws://</c> and <c>http://</c> endpoints on hosts other than loopback. Off by default: without TLS the
    /// signed subscriptions and account events cross the network in clear text.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>. Loopback hosts (<c>127.0.0.1</c>, <c>::1</c>, <c>localhost</c>) never need it.</value>
    public bool AllowInsecureTransport { get; set; }

    /// <summary>
    /// Whether a parked consumer's <c>await foreach</c> may resume inline on the connection's receive loop when its next item
    /// arrives, instead of on a thread-pool thread (as <c>ChannelOptions.AllowSynchronousContinuations</c>).
    /// </summary>
    /// <value>
    /// Defaults to <see langword="false"/>: the receive loop only hands items over and never runs consumer code, so a slow
    /// or blocking consumer delays nobody else. <see langword="true"/> saves the thread-pool hop per wake-up (CPU and
    /// latency on quiet streams; docs/benchmarks.md), but then the body of every <c>await foreach</c> of this client runs
    /// on the receive loop until its next <c>await</c> that does not complete at once: it must not block (no
    /// <c>.Result</c>, <c>.Wait()</c>, locks held long, slow I/O), or every stream of that connection stalls behind it.
    /// </value>
    public bool AllowSynchronousContinuations { get; set; }

    /// <summary>
    /// Whether the default connector offers the <c>permessage-deflate</c> extension (RFC 7692) in the handshake. The
    /// exchange compresses only for clients that offer it (spec §2.4); if it declines, frames arrive as plain text.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="true"/>: market data is repetitive JSON and shrinks several times on the wire, at the cost
    /// of inflating on the receive loop and some memory per connection for the inflater. <see cref="MaxMessageSize"/>
    /// bounds the inflated size. Whether a connection was compressed is <c>IWebSocketConnection.IsCompressed</c>.
    /// </value>
    public bool EnableCompression { get; set; } = true;

    /// <summary>
    /// An optional hook to adjust each <see cref="ClientWebSocketOptions"/> before the handshake (proxy, headers,
    /// certificates). Used by the default connector only.
    /// </summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// Receives every frame the client reads and every REST depth snapshot it uses, with their receive times, for example a
    /// <see cref="BackpackSessionRecorder"/> whose file <c>BackpackTestServer</c> can replay. Set in code only: it is not
    /// bound from configuration.
    /// </summary>
    /// <value>Defaults to <see langword="null"/> (nothing recorded). <see cref="Clone"/> copies the reference: the copy records to the same recorder.</value>
    /// <remarks>
    /// Called on each connection's receive loop for every message it reads (keep it fast: it holds up that socket), and for
    /// every REST depth snapshot an order book uses (re-serialised from what was parsed). An exception from it is logged
    /// and the client goes on.
    /// </remarks>
    public IBackpackFrameRecorder? FrameRecorder { get; set; }

    /// <summary><see langword="true"/> when both credentials are present, so <c>account.*</c> streams can be signed.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(ApiSecret);

    /// <summary>The settings of the default connector (<see cref="Transport.ClientWebSocketConnector"/>) these options ask for.</summary>
    /// <returns>New connector options with the keep-alive, compression and socket hook of these options.</returns>
    public Transport.ClientWebSocketConnectorOptions ToConnectorOptions() => new()
    {
        KeepAliveInterval = KeepAliveInterval,
        KeepAliveTimeout = KeepAliveTimeout,
        EnableCompression = EnableCompression,
        ConfigureWebSocket = ConfigureWebSocket,
    };

    /// <summary>Returns a copy of these options (the secret included; the copy is as sensitive as the original).</summary>
    /// <returns>A new options object with the same values.</returns>
    public BackpackStreamClientOptions Clone() => (BackpackStreamClientOptions)MemberwiseClone();

    /// <summary>Checks the options as a whole: what a setter cannot check, such as values bound from configuration.</summary>
    /// <exception cref="ArgumentException">
    /// A value is missing or out of range, or an endpoint is plain <c>ws://</c> or <c>http://</c> on a host other than loopback
    /// while <see cref="AllowInsecureTransport"/> is off.
    /// </exception>
    public void Validate()
    {
        ValidateEndpoint(_endpoint, nameof(Endpoint), "ws", "wss");
        ValidateEndpoint(_restEndpoint, nameof(RestEndpoint), "http", "https");
        ValidateTransport(_endpoint, nameof(Endpoint), "ws", "wss");
        ValidateTransport(_restEndpoint, nameof(RestEndpoint), "http", "https");
        if (!string.IsNullOrEmpty(ApiKey) && string.IsNullOrEmpty(ApiSecret))
        {
            throw new ArgumentException($"{nameof(ApiKey)} is set but {nameof(ApiSecret)} is not; private streams need the secret to sign.", nameof(ApiSecret));
        }
    }

    /// <summary>Describes the options with the secret redacted.</summary>
    /// <returns>A one-line description safe to log.</returns>
    public override string ToString() =>
        $"{nameof(BackpackStreamClientOptions)} {{ {nameof(Endpoint)} = {Endpoint}, {nameof(RestEndpoint)} = {RestEndpoint}, " +
        $"{nameof(ApiKey)} = {ApiKey ?? "(none)"}, {nameof(ApiSecret)} = {(HasCredentials ? "***" : "(none)")}, " +
        $"{nameof(SignatureWindow)} = {SignatureWindow}, {nameof(StreamCapacity)} = {StreamCapacity}, " +
        $"{nameof(PrivateStreamCapacity)} = {PrivateStreamCapacity}, {nameof(MaxMessageSize)} = {MaxMessageSize}, " +
        $"{nameof(EnableCompression)} = {EnableCompression}, {nameof(AllowInsecureTransport)} = {AllowInsecureTransport}, " +
        $"{nameof(AllowSynchronousContinuations)} = {AllowSynchronousContinuations} }}";

    private static Uri ValidateEndpoint(Uri? value, string name, string plainScheme, string secureScheme)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!value.IsAbsoluteUri || (value.Scheme != plainScheme && value.Scheme != secureScheme))
        {
            throw new ArgumentException($"{name} must be an absolute {secureScheme}:// or {plainScheme}:// URI; got '{value}'.", name);
        }

        return value;
    }

    // Checked here rather than in the setter: AllowInsecureTransport may be set (or bound) after the endpoint.
    private void ValidateTransport(Uri value, string name, string plainScheme, string secureScheme)
    {
        if (value.Scheme == plainScheme && !value.IsLoopback && !AllowInsecureTransport)
        {
            throw new ArgumentException(
                $"{name} '{value}' is unencrypted {plainScheme}:// to a host that is not loopback; use {secureScheme}://, or set {nameof(AllowInsecureTransport)} to allow it.",
                name);
        }
    }

    private static int ValidatePositive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);
        return value;
    }
}
