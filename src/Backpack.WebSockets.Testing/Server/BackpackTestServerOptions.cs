using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Testing;

/// <summary>Configures a <see cref="BackpackTestServer"/>. Read once, when the server is constructed.</summary>
public sealed class BackpackTestServerOptions
{
    /// <summary>The default keep-alive ping interval, as on the real exchange: 60 seconds.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(60);

    /// <summary>The default time the server waits for a pong before aborting the connection, as on the real exchange: 120 seconds.</summary>
    public static readonly TimeSpan DefaultPingTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The default and largest signature window the real exchange documents: 60 seconds.</summary>
    public static readonly TimeSpan DefaultMaxSignatureWindow = TimeSpan.FromSeconds(60);

    /// <summary>The default tolerance for a signature timestamp that lies in the server's future: 5 seconds.</summary>
    public static readonly TimeSpan DefaultAllowedClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>The default largest request the server reads: 64 KiB.</summary>
    public const int DefaultMaxRequestSize = 64 * 1024;

    /// <summary>The symbols a new options object knows by default.</summary>
    public static IReadOnlyList<string> DefaultKnownSymbols { get; } =
        ["SOL_USDC", "BTC_USDC", "ETH_USDC", "SOL_USDC_PERP", "BTC_USDC_PERP", "ETH_USDC_PERP"];

    private TimeSpan _pingInterval = DefaultPingInterval;
    private TimeSpan _pingTimeout = DefaultPingTimeout;
    private TimeSpan _maxSignatureWindow = DefaultMaxSignatureWindow;
    private TimeSpan _allowedClockSkew = DefaultAllowedClockSkew;
    private int? _maxStreamsPerConnection;
    private int _maxRequestSize = DefaultMaxRequestSize;

    /// <summary>
    /// The base64 Ed25519 public key (32 bytes) whose signatures private (<c>account.*</c>) subscriptions must carry.
    /// </summary>
    /// <value>Default <see langword="null"/>: every private SUBSCRIBE is rejected with <see cref="BackpackErrorCodes.InvalidSignature"/>.</value>
    public string? ApiPublicKey { get; set; }

    /// <summary>
    /// The symbols (and, for <c>stockPrice.</c> and <c>stockIndicativeQuote.</c>, the bare tickers) that stream names may
    /// use. A SUBSCRIBE to a known stream type with any other symbol is ignored silently, as the real exchange does
    /// (spec §3.4), or rejected with <see cref="BackpackErrorCodes.InvalidStream"/> under <see cref="RejectUnknownSymbols"/>;
    /// REST depth answers <c>INVALID_SYMBOL</c>.
    /// </summary>
    /// <value>Default <see cref="DefaultKnownSymbols"/>. A <see cref="MarketSimulator"/> adds its own symbols and stock tickers.</value>
    public IList<string> KnownSymbols { get; set; } = [.. DefaultKnownSymbols];

    /// <summary>
    /// Whether a SUBSCRIBE to a known stream type with an unknown symbol is rejected with
    /// <see cref="BackpackErrorCodes.InvalidStream"/> (4006) instead of being ignored.
    /// </summary>
    /// <value>
    /// Default <see langword="false"/>: like the real exchange, which sends neither an error nor data for an unknown or
    /// closed market, so a client must notice such a stream by itself. An unknown stream <b>type</b> gets 4006 either way.
    /// </value>
    public bool RejectUnknownSymbols { get; set; }

    /// <summary>
    /// How a SUBSCRIBE frame with an invalid stream among valid ones is answered: by default the whole frame is rejected (one
    /// error frame, nothing subscribed), the worst a client must expect; when set, the valid members are subscribed and one
    /// error frame is sent for the invalid ones.
    /// </summary>
    /// <value>Default <see langword="false"/> (reject the whole frame).</value>
    public bool RejectInvalidMembersOnly { get; set; }

    /// <summary>
    /// Whether the server accepts the <c>permessage-deflate</c> extension (RFC 7692) when a client offers it, as the real
    /// exchange does since 2026-08 (spec §2.4). A client that does not offer it gets plain frames either way.
    /// </summary>
    /// <value>Default <see langword="true"/>. <see langword="false"/> declines every offer, to test a client against a server without compression.</value>
    public bool EnableCompression { get; set; } = true;

    /// <summary>The most streams one connection may hold; a SUBSCRIBE that would exceed it is rejected whole with <see cref="BackpackErrorCodes.TooManyStreams"/>.</summary>
    /// <value>Default <see langword="null"/>: unlimited.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? MaxStreamsPerConnection
    {
        get => _maxStreamsPerConnection;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The stream limit must be at least 1, or null for none.");
            }

            _maxStreamsPerConnection = value;
        }
    }

    /// <summary>The clock behind signature checks, <c>/api/v1/time</c>, REST timestamps and a <see cref="MarketSimulator"/>'s event times.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>. Tests pass a <c>FakeTimeProvider</c>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far the server's clock runs ahead of <see cref="TimeProvider"/> (negative: behind), to test a client's clock sync.</summary>
    /// <value>Default <see cref="TimeSpan.Zero"/>. Can be changed later through <see cref="BackpackTestServer.ClockOffset"/>.</value>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>How often the server sends a WebSocket Ping control frame; <see cref="TimeSpan.Zero"/> turns pings off.</summary>
    /// <value>Default <see cref="DefaultPingInterval"/> (60 s). Pings run on the real clock (Kestrel), not on <see cref="TimeProvider"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan PingInterval
    {
        get => _pingInterval;
        set => _pingInterval = NotNegative(value);
    }

    /// <summary>How long the server waits for the Pong to a Ping before it aborts the connection.</summary>
    /// <value>Default <see cref="DefaultPingTimeout"/> (120 s).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan PingTimeout
    {
        get => _pingTimeout;
        set => _pingTimeout = Positive(value);
    }

    /// <summary>The largest signature window a private SUBSCRIBE may claim.</summary>
    /// <value>Default <see cref="DefaultMaxSignatureWindow"/> (60 s).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan MaxSignatureWindow
    {
        get => _maxSignatureWindow;
        set => _maxSignatureWindow = Positive(value);
    }

    /// <summary>How far a signature timestamp may lie in the server's future before it is rejected.</summary>
    /// <value>Default <see cref="DefaultAllowedClockSkew"/> (5 s).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan AllowedClockSkew
    {
        get => _allowedClockSkew;
        set => _allowedClockSkew = NotNegative(value);
    }

    /// <summary>The largest request message the server reads; a larger one closes the connection with <c>MessageTooBig</c>.</summary>
    /// <value>Default <see cref="DefaultMaxRequestSize"/> (64 KiB).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1024.</exception>
    public int MaxRequestSize
    {
        get => _maxRequestSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            _maxRequestSize = value;
        }
    }

    /// <summary>Where the server logs connections, rejected requests and faults. Kestrel's own logs are not forwarded.</summary>
    /// <value>Default <see langword="null"/>: no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    private static TimeSpan NotNegative(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return value;
    }

    private static TimeSpan Positive(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        return value;
    }
}
