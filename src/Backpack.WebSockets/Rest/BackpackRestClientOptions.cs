namespace Backpack.WebSockets.Rest;

/// <summary>Settings for a <see cref="BackpackRestClient"/>. Read once, when the client is constructed.</summary>
/// <remarks><see cref="ToString"/> never shows <see cref="ApiSecret"/>.</remarks>
public sealed class BackpackRestClientOptions
{
    /// <summary>The default REST endpoint, <c>https://api.backpack.exchange</c>.</summary>
    public static readonly Uri DefaultRestEndpoint = new("https://api.backpack.exchange");

    /// <summary>The default signature window, 5 s.</summary>
    public static readonly TimeSpan DefaultSignatureWindow = TimeSpan.FromSeconds(5);

    /// <summary>The largest signature window the exchange accepts, 60 s.</summary>
    public static readonly TimeSpan MaxSignatureWindow = TimeSpan.FromSeconds(60);

    /// <summary>The default number of retries of a transient failure, 3.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The default first retry delay, 500 ms (doubled on each further retry).</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>The default longest retry delay, 30 s.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default timeout of one HTTP attempt, 10 s.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    private Uri _restEndpoint = DefaultRestEndpoint;
    private TimeSpan _signatureWindow = DefaultSignatureWindow;
    private int _maxRetries = DefaultMaxRetries;
    private TimeSpan _retryDelay = DefaultRetryDelay;
    private TimeSpan _maxRetryDelay = DefaultMaxRetryDelay;
    private TimeSpan _requestTimeout = DefaultRequestTimeout;

    /// <summary>The REST base address.</summary>
    /// <value>Defaults to <see cref="DefaultRestEndpoint"/>. Must be an absolute <c>http://</c> or <c>https://</c> URI.</value>
    public Uri RestEndpoint
    {
        get => _restEndpoint;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(RestEndpoint));
            if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"{nameof(RestEndpoint)} must be an absolute https:// or http:// URI; got '{value}'.", nameof(RestEndpoint));
            }

            _restEndpoint = value;
        }
    }

    /// <summary>The API key: the base64 Ed25519 public key.</summary>
    /// <value>
    /// Defaults to <see langword="null"/>. The key sent is always the one derived from <see cref="ApiSecret"/>; when this is
    /// set too, it must match.
    /// </value>
    public string? ApiKey { get; set; }

    /// <summary>The API secret: base64 of the 32-byte Ed25519 seed (or the 64-byte seed and public key). Needed for signed reads.</summary>
    /// <value>Defaults to <see langword="null"/>: only the public reads work. Never logged, never shown by <see cref="ToString"/>.</value>
    public string? ApiSecret { get; set; }

    /// <summary>How long a signed request stays valid after its timestamp (<c>X-Window</c>).</summary>
    /// <value>Defaults to <see cref="DefaultSignatureWindow"/>; from 1 ms to <see cref="MaxSignatureWindow"/>.</value>
    public TimeSpan SignatureWindow
    {
        get => _signatureWindow;
        set => _signatureWindow = InRange(value, TimeSpan.FromMilliseconds(1), MaxSignatureWindow, nameof(SignatureWindow));
    }

    /// <summary>How many times a transient failure (HTTP 408, 429, 5xx, a timeout or a transport error) is retried.</summary>
    /// <value>Defaults to <see cref="DefaultMaxRetries"/>; from 0 to 10.</value>
    public int MaxRetries
    {
        get => _maxRetries;
        set => _maxRetries = InRange(value, 0, 10, nameof(MaxRetries));
    }

    /// <summary>The delay before the first retry; each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to <see cref="DefaultRetryDelay"/>; from 0 to 1 minute.</value>
    public TimeSpan RetryDelay
    {
        get => _retryDelay;
        set => _retryDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(RetryDelay));
    }

    /// <summary>
    /// The longest delay between retries. A server's <c>Retry-After</c> is honoured when it is longer than the backoff;
    /// one longer than this ends the retries (the exception carries it in <see cref="BackpackStreamException.RetryAfter"/>).
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxRetryDelay"/>; from 0 to 10 minutes.</value>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => _maxRetryDelay = InRange(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(MaxRetryDelay));
    }

    /// <summary>The timeout of one HTTP attempt (each retry gets its own).</summary>
    /// <value>Defaults to <see cref="DefaultRequestTimeout"/>; from 1 ms to 5 minutes.</value>
    public TimeSpan RequestTimeout
    {
        get => _requestTimeout;
        set => _requestTimeout = InRange(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5), nameof(RequestTimeout));
    }

    /// <summary>Whether <see cref="ApiSecret"/> is set, so the signed reads can be used.</summary>
    public bool HasCredentials => !string.IsNullOrEmpty(ApiSecret);

    /// <summary>Creates REST options from the stream client's options: endpoint, key, secret and signature window.</summary>
    /// <param name="options">The stream client's options.</param>
    /// <returns>New REST options with the other values at their defaults.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static BackpackRestClientOptions From(BackpackStreamClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BackpackRestClientOptions
        {
            RestEndpoint = options.RestEndpoint,
            ApiKey = options.ApiKey,
            ApiSecret = options.ApiSecret,
            SignatureWindow = options.SignatureWindow,
        };
    }

    /// <summary>Describes the options with the secret redacted.</summary>
    /// <returns>A one-line description safe to log.</returns>
    public override string ToString() =>
        $"{nameof(BackpackRestClientOptions)} {{ {nameof(RestEndpoint)} = {RestEndpoint}, {nameof(ApiKey)} = {ApiKey ?? "(none)"}, " +
        $"{nameof(ApiSecret)} = {(HasCredentials ? "***" : "(none)")}, {nameof(SignatureWindow)} = {SignatureWindow}, " +
        $"{nameof(MaxRetries)} = {MaxRetries}, {nameof(RequestTimeout)} = {RequestTimeout} }}";

    /// <summary>Range check with the BCL guards; Rest/ does not reach the client's internal option helpers.</summary>
    private static T InRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, name);
        return value;
    }
}
