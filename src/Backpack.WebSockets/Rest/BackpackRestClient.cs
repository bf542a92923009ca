using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;
using Backpack.WebSockets.Rest.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backpack.WebSockets.Rest;

/// <summary>
/// Backpack Exchange's REST reads: markets, depth and server time (public), and the signed account reads a reconciler
/// needs (spec §9.5): open orders, balances, collateral, positions, and fill and order history, paged by the client.
/// </summary>
/// <remarks>
/// <para>
/// Signed reads carry <c>X-API-Key</c>, <c>X-Signature</c>, <c>X-Timestamp</c> and <c>X-Window</c>; the signature covers
/// <c>instruction=&lt;name&gt;</c>, the query parameters sent (sorted by key, decoded) and the timestamp and window, and is
/// made afresh for every attempt. The timestamp is the <see cref="TimeProvider"/>'s time plus <see cref="ClockOffset"/>.
/// </para>
/// <para>
/// Failures are <see cref="BackpackStreamException"/>s with <see cref="BackpackStreamErrorCode.RequestFailed"/> (or
/// <see cref="BackpackStreamErrorCode.AuthenticationFailed"/> for HTTP 401 and 403, and
/// <see cref="BackpackStreamErrorCode.ProtocolViolation"/> for a body that cannot be read), with the HTTP status, Backpack's
/// error code and message, <c>Retry-After</c> and <see cref="BackpackStreamException.IsTransient"/>. HTTP 408, 429 and 5xx,
/// timeouts and transport errors are retried with exponential backoff (at least the server's <c>Retry-After</c>); other
/// statuses are not. No key, signature or header value appears in a log line or an exception message.
/// </para>
/// <para>All members are safe to call concurrently. Members are virtual so that tests can mock the client.</para>
/// </remarks>
/// <example>
/// <code>
/// using var rest = new BackpackRestClient(options);   // BackpackStreamClientOptions or BackpackRestClientOptions
/// IReadOnlyList&lt;Order&gt; open = await rest.GetOpenOrdersAsync(symbol: null, cancellationToken);
/// await foreach (Fill fill in rest.GetFillsAsync(new FillQuery { From = since }, cancellationToken)) { ... }
/// </code>
/// </example>
public partial class BackpackRestClient : IDisposable
{
    /// <summary>The largest page the history endpoints serve (<c>limit</c>).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The <c>limit</c> values <c>GET /api/v1/depth</c> accepts.</summary>
    private static readonly int[] s_depthLimits = [5, 10, 20, 50, 100, 500, 1000];

    private readonly BackpackRestClientOptions _options = null!;
    private readonly HttpClient _httpClient = null!;
    private readonly bool _ownsHttpClient;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>Signs requests; <see langword="null"/> without credentials.</summary>
    private readonly Ed25519Signer? _signer;

    /// <summary>The clock offset in ticks, read and written atomically.</summary>
    private long _clockOffsetTicks;

    private volatile bool _disposed;

    /// <summary>Creates a client from REST options.</summary>
    /// <param name="options">The options; read once, here.</param>
    /// <param name="httpClient">The HTTP client to send with; <see langword="null"/> to create (and own) one. A given client is not disposed.</param>
    /// <param name="timeProvider">The clock for timestamps, timeouts and retry delays; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where to log; <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="BackpackRestClientOptions.ApiSecret"/> is not a valid secret, or <see cref="BackpackRestClientOptions.ApiKey"/>
    /// is not the public key of that secret. The message never contains the secret.
    /// </exception>
    public BackpackRestClient(
        BackpackRestClientOptions options,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new BackpackRestClientOptions
        {
            RestEndpoint = options.RestEndpoint,
            ApiKey = options.ApiKey,
            ApiSecret = options.ApiSecret,
            SignatureWindow = options.SignatureWindow,
            MaxRetries = options.MaxRetries,
            RetryDelay = options.RetryDelay,
            MaxRetryDelay = options.MaxRetryDelay,
            RequestTimeout = options.RequestTimeout,
        };
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<BackpackRestClient>() ?? NullLogger.Instance;
        if (options.HasCredentials)
        {
            _signer = Ed25519Signer.FromBase64SecretKey(options.ApiSecret!);
            if (!string.IsNullOrEmpty(options.ApiKey) && !string.Equals(options.ApiKey, _signer.PublicKeyBase64, StringComparison.Ordinal))
            {
                _signer.Dispose();
                throw new ArgumentException("ApiKey is not the public key of ApiSecret.", nameof(options));
            }
        }

        _ownsHttpClient = httpClient is null;
        // An own client gets no timeout of its own: RequestTimeout bounds each attempt, on the TimeProvider.
        _httpClient = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Creates a client with the stream client's REST endpoint, credentials and signature window.</summary>
    /// <param name="options">The stream client's options; the public values are copied (<see cref="BackpackRestClientOptions.From"/>).</param>
    /// <param name="httpClient">The HTTP client to send with; <see langword="null"/> to create (and own) one.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Where to log; <see langword="null"/> for no logging.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The secret is invalid or the key does not match it.</exception>
    public BackpackRestClient(
        BackpackStreamClientOptions options,
        HttpClient? httpClient = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(BackpackRestClientOptions.From(options), httpClient, timeProvider, loggerFactory)
    {
    }

    /// <summary>For mocking only: a client that has no options and sends nothing.</summary>
    protected BackpackRestClient()
    {
    }

    /// <summary>
    /// How far the exchange's clock runs ahead of the local <see cref="TimeProvider"/>; added to every signed timestamp.
    /// Set it from a clock synchronization (<see cref="SynchronizeClockAsync"/>, or the stream client's).
    /// </summary>
    /// <value>Defaults to zero. May be changed at any time, from any thread.</value>
    public virtual TimeSpan ClockOffset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));
        set => Interlocked.Exchange(ref _clockOffsetTicks, value.Ticks);
    }

    /// <summary>Whether the client has credentials for the signed reads.</summary>
    public virtual bool HasCredentials => _signer is not null;

    /// <summary>The API key (public key) sent as <c>X-API-Key</c>, or <see langword="null"/> without credentials.</summary>
    public virtual string? ApiKey => _signer?.PublicKeyBase64;

    /// <summary>Reads the markets (<c>GET /api/v1/markets</c>, public): spot and perpetual markets by default.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The markets as listed.</returns>
    /// <exception cref="BackpackStreamException">The request failed.</exception>
    public virtual Task<IReadOnlyList<Market>> GetMarketsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new RestRequest("/api/v1/markets", null, []), static (body, _) => MarketParser.Parse(body), cancellationToken);

    /// <summary>Reads an order-book snapshot (<c>GET /api/v1/depth</c>, public, spec §8.1).</summary>
    /// <param name="symbol">The market, for example <c>SOL_USDC</c>.</param>
    /// <param name="limit">Levels per side: 5, 10, 20, 50, 100, 500 or 1000. Always sent (the server's default is not stable).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The snapshot, both sides ascending by price as sent.</returns>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is empty or holds characters other than letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not one of the accepted values.</exception>
    /// <exception cref="BackpackStreamException">The request failed (an unknown symbol is a 400, a closed market a 404).</exception>
    public virtual Task<OrderBookDepth> GetDepthAsync(string symbol, int limit = 1000, CancellationToken cancellationToken = default)
    {
        CheckValue(symbol, nameof(symbol));
        if (Array.IndexOf(s_depthLimits, limit) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The depth limit must be 5, 10, 20, 50, 100, 500 or 1000.");
        }

        var request = new RestRequest("/api/v1/depth", null, [new("symbol", symbol), new("limit", Format(limit))]);
        return SendAsync(request, static (body, _) => OrderBookDepthParser.Parse(body), cancellationToken);
    }

    /// <summary>Reads the exchange's clock (<c>GET /api/v1/time</c>, public; a plain-text Unix millisecond count).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The server time, UTC.</returns>
    /// <exception cref="BackpackStreamException">The request failed or the body is not a millisecond count.</exception>
    public virtual Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new RestRequest("/api/v1/time", null, []), static (body, _) => ParseServerTime(body), cancellationToken);

    /// <summary>
    /// Measures the exchange's clock against the local one (half the round trip is assumed on each side) and sets
    /// <see cref="ClockOffset"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new <see cref="ClockOffset"/>.</returns>
    /// <exception cref="BackpackStreamException">The request failed.</exception>
    public virtual async Task<TimeSpan> SynchronizeClockAsync(CancellationToken cancellationToken = default)
    {
        var sent = _timeProvider.GetUtcNow();
        var server = await GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        var received = _timeProvider.GetUtcNow();
        var offset = server - (sent + ((received - sent) / 2));
        ClockOffset = offset;
        Log.ClockSynchronized(_logger, offset);
        return offset;
    }

    /// <summary>Reads the open orders (<c>GET /api/v1/orders</c>, <c>orderQueryAll</c>, signed; not paged).</summary>
    /// <param name="symbol">Only this market; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The orders resting on the book (and pending triggers).</returns>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> holds characters that need escaping.</exception>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">The request failed.</exception>
    public virtual Task<IReadOnlyList<Order>> GetOpenOrdersAsync(string? symbol = null, CancellationToken cancellationToken = default)
    {
        var request = Signed("/api/v1/orders", "orderQueryAll", Optional("symbol", symbol, nameof(symbol)));
        return SendAsync(request, static (body, _) => OrderParser.ParseArray(body), cancellationToken);
    }

    /// <summary>
    /// Reads one order while it rests on the book (<c>GET /api/v1/order</c>, <c>orderQuery</c>, signed). A filled, cancelled
    /// or expired order is answered 404, returned as <see langword="null"/>: look it up in <see cref="GetOrderHistoryAsync"/>.
    /// </summary>
    /// <param name="symbol">The order's market (required by the exchange).</param>
    /// <param name="orderId">The order id (only <c>orderId</c> is sent, never <c>clientId</c> too).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The order, or <see langword="null"/> when it no longer rests on the book.</returns>
    /// <exception cref="ArgumentException">An argument is empty or holds characters that need escaping.</exception>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">The request failed (other than 404).</exception>
    public virtual async Task<Order?> GetOpenOrderAsync(string symbol, string orderId, CancellationToken cancellationToken = default)
    {
        CheckValue(symbol, nameof(symbol));
        CheckValue(orderId, nameof(orderId));
        var request = Signed("/api/v1/order", "orderQuery", [new("orderId", orderId), new("symbol", symbol)]);
        try
        {
            return await SendAsync(request, static (body, _) => OrderParser.ParseOne(body), cancellationToken).ConfigureAwait(false);
        }
        catch (BackpackStreamException ex) when (ex.HttpStatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Reads the spot balances (<c>GET /api/v1/capital</c>, <c>balanceQuery</c>, signed).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The balances by asset (absolute values).</returns>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">The request failed.</exception>
    public virtual Task<IReadOnlyDictionary<string, AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Signed("/api/v1/capital", "balanceQuery", []), static (body, _) => BalancesParser.Parse(body), cancellationToken);

    /// <summary>Reads the margin account summary (<c>GET /api/v1/capital/collateral</c>, <c>collateralQuery</c>, signed; no parameters).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">The request failed.</exception>
    public virtual Task<CollateralSummary> GetCollateralAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Signed("/api/v1/capital/collateral", "collateralQuery", []), static (body, _) => CollateralParser.Parse(body), cancellationToken);

    /// <summary>
    /// Reads the open futures positions (<c>GET /api/v1/position</c>, <c>positionQuery</c>, signed). A 404 ("Position not
    /// found", for a symbol without a position) is returned as an empty list.
    /// </summary>
    /// <param name="symbol">Only this market; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The positions; empty when flat.</returns>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> holds characters that need escaping.</exception>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">The request failed (other than 404).</exception>
    public virtual async Task<IReadOnlyList<FuturePosition>> GetOpenPositionsAsync(string? symbol = null, CancellationToken cancellationToken = default)
    {
        var request = Signed("/api/v1/position", "positionQuery", Optional("symbol", symbol, nameof(symbol)));
        try
        {
            return await SendAsync(request, static (body, _) => PositionParser.Parse(body), cancellationToken).ConfigureAwait(false);
        }
        catch (BackpackStreamException ex) when (ex.HttpStatusCode == 404)
        {
            return [];
        }
    }

    /// <summary>
    /// Reads the fill history (<c>GET /wapi/v1/history/fills</c>, <c>fillHistoryQueryAll</c>, signed), page after page
    /// until a short page or <c>X-Total</c>. A fill seen on an earlier page (rows shift when fills arrive meanwhile) is
    /// returned once: by market and <see cref="Fill.TradeId"/>, or by order, time, price and quantity when it has none.
    /// </summary>
    /// <param name="query">The filters; <see langword="null"/> for all fills, oldest first.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The fills in the server's order.</returns>
    /// <exception cref="ArgumentException">A filter holds characters that need escaping.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FillQuery.PageSize"/> is outside 1 to <see cref="MaxPageSize"/>.</exception>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">A page request failed.</exception>
    public virtual IAsyncEnumerable<Fill> GetFillsAsync(FillQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new FillQuery();
        CheckPageSize(query.PageSize);
        List<KeyValuePair<string, string>> filters =
        [
            .. Optional("orderId", query.OrderId, nameof(query.OrderId)),
            .. Optional("strategyId", query.StrategyId, nameof(query.StrategyId)),
            .. Optional("symbol", query.Symbol, nameof(query.Symbol)),
            .. Optional("from", query.From is { } from ? Format(from.ToUnixTimeMilliseconds()) : null, nameof(query.From)),
            .. Optional("to", query.To is { } to ? Format(to.ToUnixTimeMilliseconds()) : null, nameof(query.To)),
            .. Optional("fillType", query.FillType, nameof(query.FillType)),
            .. Optional("marketType", query.MarketType, nameof(query.MarketType)),
            .. Optional("assetClass", query.AssetClass, nameof(query.AssetClass)),
        ];
        RequireSigner();
        return PageAsync(
            "/wapi/v1/history/fills", "fillHistoryQueryAll", filters, query.SortDirection, query.PageSize,
            static (body, _) => FillParser.Parse(body), static fill => FillKey(fill), cancellationToken);
    }

    /// <summary>
    /// Reads the order history (<c>GET /wapi/v1/history/orders</c>, <c>orderHistoryQueryAll</c>, signed), page after page;
    /// an order seen on an earlier page is returned once (by id). The endpoint has no time filter.
    /// </summary>
    /// <param name="query">The filters; <see langword="null"/> for all orders, oldest first.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The orders in the server's order, with their final status.</returns>
    /// <exception cref="ArgumentException">A filter holds characters that need escaping.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="OrderHistoryQuery.PageSize"/> is outside 1 to <see cref="MaxPageSize"/>.</exception>
    /// <exception cref="InvalidOperationException">The client has no credentials.</exception>
    /// <exception cref="BackpackStreamException">A page request failed.</exception>
    public virtual IAsyncEnumerable<Order> GetOrderHistoryAsync(OrderHistoryQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new OrderHistoryQuery();
        CheckPageSize(query.PageSize);
        List<KeyValuePair<string, string>> filters =
        [
            .. Optional("orderId", query.OrderId, nameof(query.OrderId)),
            .. Optional("strategyId", query.StrategyId, nameof(query.StrategyId)),
            .. Optional("symbol", query.Symbol, nameof(query.Symbol)),
            .. Optional("marketType", query.MarketType, nameof(query.MarketType)),
        ];
        RequireSigner();
        return PageAsync(
            "/wapi/v1/history/orders", "orderHistoryQueryAll", filters, query.SortDirection, query.PageSize,
            static (body, _) => OrderParser.ParseArray(body), static order => order.Id, cancellationToken);
    }

    /// <summary>Releases the signer's key and, when the client created it, the <see cref="HttpClient"/>.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; called once by <see cref="Dispose()"/>.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        _signer?.Dispose();
        if (_ownsHttpClient)
        {
            _httpClient?.Dispose();
        }
    }

    /// <summary>
    /// The de-duplication key of a fill: market and trade id (trade ids are not documented as unique across markets), or
    /// what identifies it when it has none.
    /// </summary>
    private static string FillKey(Fill fill) => fill.TradeId is { } tradeId
        ? string.Create(CultureInfo.InvariantCulture, $"{fill.Symbol}|{tradeId}")
        : string.Create(CultureInfo.InvariantCulture, $"{fill.Symbol}|{fill.OrderId}|{fill.Timestamp.UtcTicks}|{fill.Price}|{fill.Quantity}");

    /// <summary>Reads a server time body: Unix milliseconds, optionally quoted or surrounded by whitespace.</summary>
    internal static DateTimeOffset ParseServerTime(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Trim(" \t\r\n\""u8));
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new Protocol.PayloadFormatException("The server time is not a Unix millisecond count.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CheckPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1, "query.PageSize");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize, "query.PageSize");
    }

    /// <summary>
    /// Checks a value sent in the query: letters, digits, <c>.</c>, <c>_</c>, <c>-</c> only. Such values read the same
    /// escaped and decoded, so the signature cannot depend on how the server decodes them (spec §9.5.1).
    /// </summary>
    private static void CheckValue(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw new ArgumentException($"{name} may hold only letters, digits, '.', '_' and '-'.", name);
            }
        }
    }

    /// <summary>The parameter, when it has a value (checked); nothing otherwise.</summary>
    private static KeyValuePair<string, string>[] Optional(string key, string? value, string name)
    {
        if (value is null)
        {
            return [];
        }

        CheckValue(value, name);
        return [new(key, value)];
    }

    private RestRequest Signed(string path, string instruction, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        RequireSigner();
        return new RestRequest(path, instruction, parameters);
    }

    private Ed25519Signer RequireSigner()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _signer ?? throw new InvalidOperationException(
            "This read is signed: set ApiSecret (and optionally ApiKey) in the options to use it.");
    }

    /// <summary>Requests page after page and yields each row not seen before.</summary>
    private async IAsyncEnumerable<T> PageAsync<T>(
        string path,
        string instruction,
        IReadOnlyList<KeyValuePair<string, string>> filters,
        SortDirection sortDirection,
        int pageSize,
        ResponseParser<IReadOnlyList<T>> parse,
        Func<T, string> key,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var direction = sortDirection == SortDirection.Descending ? "Desc" : "Asc";
        long offset = 0;
        while (true)
        {
            List<KeyValuePair<string, string>> parameters = [.. filters, new("limit", Format(pageSize)), new("sortDirection", direction)];
            if (offset > 0)
            {
                // The first page goes without an offset, as the live recordings do.
                parameters.Add(new("offset", Format(offset)));
            }

            var (rows, total) = await SendAsync(
                new RestRequest(path, instruction, parameters),
                (body, headers) => (parse(body, headers), ReadTotal(headers)),
                cancellationToken).ConfigureAwait(false);

            var fresh = 0;
            foreach (var row in rows)
            {
                if (seen.Add(key(row)))
                {
                    fresh++;
                    yield return row;
                }
            }

            Log.HistoryPage(_logger, path, offset, rows.Count, fresh);
            offset += pageSize;
            if (rows.Count < pageSize || (total is { } count && offset >= count))
            {
                yield break;
            }
        }
    }

    private static long? ReadTotal(HttpResponseHeaders headers) =>
        headers.TryGetValues("X-Total", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
}
