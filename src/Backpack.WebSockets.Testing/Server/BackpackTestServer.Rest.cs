using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>The depth limits the real API accepts (spec §8.1).</summary>
    private static readonly int[] s_depthLimits = [5, 10, 20, 50, 100, 500, 1000];

    /// <summary>The default depth limit.</summary>
    private const int DefaultDepthLimit = 1000;

    /// <summary>Books set with <see cref="SetDepthSnapshot"/>; guarded by <see cref="_gate"/>.</summary>
    private readonly Dictionary<string, BookSnapshot> _staticBooks = new(StringComparer.Ordinal);

    /// <summary>The number of <c>/api/v1/depth</c> requests served; changed with <see cref="Interlocked"/>.</summary>
    private int _depthRequestCount;

    /// <summary>Markets that <c>/api/v1/markets</c> lists as <c>Closed</c>; guarded by <see cref="_gate"/>.</summary>
    private readonly HashSet<string> _closedMarkets = new(StringComparer.Ordinal);

    /// <summary>Scripted REST failures still to answer: HTTP status and Retry-After; guarded by <see cref="_gate"/>.</summary>
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _restFaults = new();

    /// <summary>Set by a <see cref="MarketSimulator"/>: the book that <c>/api/v1/depth</c> serves for a symbol (honouring its snapshot lag).</summary>
    private Func<string, BookSnapshot?>? _depthSource;

    /// <summary>The number of <c>GET /api/v1/depth</c> requests received (answered or rejected).</summary>
    public int DepthRequestCount => Volatile.Read(ref _depthRequestCount);

    /// <summary>
    /// Makes <c>GET /api/v1/depth?symbol=...</c> serve <paramref name="snapshot"/> (for tests without a
    /// <see cref="MarketSimulator"/>); <see langword="null"/> removes it. A book set here wins over the simulator's.
    /// Without either, a known symbol gets an empty book with <c>lastUpdateId</c> "0".
    /// </summary>
    /// <param name="symbol">The symbol; becomes known to the server.</param>
    /// <param name="snapshot">The book to serve, or <see langword="null"/>.</param>
    public void SetDepthSnapshot(string symbol, BookSnapshot? snapshot)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        _streamNames.AddSymbols([symbol]);
        lock (_gate)
        {
            if (snapshot is null)
            {
                _staticBooks.Remove(symbol);
            }
            else
            {
                _staticBooks[symbol] = snapshot;
            }
        }
    }

    /// <summary>
    /// Makes <c>GET /api/v1/markets</c> list <paramref name="symbol"/> with <c>orderBookState</c> <c>Closed</c> (or
    /// <c>Open</c> again), and <c>/api/v1/depth</c> of it answer 404, as the exchange does for a closed market. WebSocket
    /// subscriptions to it are unaffected.
    /// </summary>
    /// <param name="symbol">The symbol; becomes known to the server.</param>
    /// <param name="closed">Whether the market is closed.</param>
    public void SetMarketClosed(string symbol, bool closed = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        _streamNames.AddSymbols([symbol]);
        lock (_gate)
        {
            if (closed)
            {
                _closedMarkets.Add(symbol);
            }
            else
            {
                _closedMarkets.Remove(symbol);
            }
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> REST requests (any path) with <paramref name="httpStatus"/> instead: 429
    /// with <c>{"code":"TOO_MANY_REQUESTS",...}</c>, 503 with <c>{"code":"MAINTENANCE",...}</c>, other statuses with
    /// <c>SERVER_ERROR</c>; and a <c>Retry-After</c> header in whole seconds (rounded up) when <paramref name="retryAfter"/> is given.
    /// </summary>
    /// <param name="count">How many requests fail; added to any failures still pending.</param>
    /// <param name="httpStatus">The status, for example 429 or 503.</param>
    /// <param name="retryAfter">The Retry-After delay, or <see langword="null"/> for no header.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or the status is not 400-599.</exception>
    public void FailNextRestRequests(int count, int httpStatus, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(httpStatus, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(httpStatus, 599);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _restFaults.Enqueue((httpStatus, retryAfter));
            }
        }
    }

    /// <summary>Routes a plain HTTP request.</summary>
    private Task HandleRestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
        {
            return WriteRestErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Only GET is served by the test server");
        }

        var path = request.Path.Value ?? string.Empty;
        if (TryTakeRestFault(out var fault))
        {
            Log.RestFaultInjected(_logger, path, fault.Status);
            if (fault.RetryAfter is { } delay)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return fault.Status switch
            {
                StatusCodes.Status429TooManyRequests => WriteRestErrorAsync(context, fault.Status, "TOO_MANY_REQUESTS", "Too many requests"),
                StatusCodes.Status503ServiceUnavailable => WriteRestErrorAsync(context, fault.Status, "MAINTENANCE", "System under maintenance"),
                _ => WriteRestErrorAsync(context, fault.Status, "SERVER_ERROR", "Injected failure"),
            };
        }

        return TryHandleAccountRest(context, path) ?? path switch
        {
            "/api/v1/markets" => HandleMarketsAsync(context),
            "/api/v1/depth" => HandleDepthAsync(context),
            "/api/v1/time" => WriteTextAsync(context, UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            "/api/v1/ping" => WriteTextAsync(context, "pong"),
            "/api/v1/status" => WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("status", "Ok");
                writer.WriteNull("message");
                writer.WriteEndObject();
            }),
            _ => WriteRestErrorAsync(context, StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", "Not found"),
        };
    }

    private bool TryTakeRestFault(out (int Status, TimeSpan? RetryAfter) fault)
    {
        lock (_gate)
        {
            return _restFaults.TryDequeue(out fault);
        }
    }

    /// <summary>
    /// <c>GET /api/v1/markets</c>: every known symbol, keys in ordinal order, <c>PERP</c> for a <c>_PERP</c> suffix and
    /// <c>SPOT</c> otherwise, <c>Closed</c> for the markets set with <see cref="SetMarketClosed"/>.
    /// </summary>
    private Task HandleMarketsAsync(HttpContext context)
    {
        var symbols = _streamNames.GetSymbols();
        HashSet<string> closed;
        lock (_gate)
        {
            closed = [.. _closedMarkets];
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            foreach (var symbol in symbols)
            {
                var parts = symbol.Split('_');
                writer.WriteStartObject();
                writer.WriteString("baseSymbol", parts[0]);
                writer.WriteString("createdAt", "2025-01-01T00:00:00");
                writer.WriteStartObject("filters");
                writer.WriteStartObject("price");
                writer.WriteNull("maxPrice");
                writer.WriteString("minPrice", "0.01");
                writer.WriteString("tickSize", "0.01");
                writer.WriteEndObject();
                writer.WriteStartObject("quantity");
                writer.WriteNull("maxQuantity");
                writer.WriteString("minQuantity", "0.01");
                writer.WriteString("stepSize", "0.01");
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteNull("fundingInterval");
                writer.WriteString("marketType", symbol.EndsWith("_PERP", StringComparison.Ordinal) ? "PERP" : "SPOT");
                writer.WriteString("orderBookState", closed.Contains(symbol) ? "Closed" : "Open");
                writer.WriteString("quoteSymbol", parts.Length > 1 ? parts[1] : "USDC");
                writer.WriteString("symbol", symbol);
                writer.WriteBoolean("visible", true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// <c>GET /api/v1/depth?symbol=X&amp;limit=N</c>: both sides ascending by price (bids best-last, as the real API),
    /// <c>lastUpdateId</c> as a string, <c>timestamp</c> in microseconds.
    /// </summary>
    private Task HandleDepthAsync(HttpContext context)
    {
        Interlocked.Increment(ref _depthRequestCount);
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        if (string.IsNullOrEmpty(symbol))
        {
            return WriteRestErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_CLIENT_REQUEST", "Missing parameter: symbol");
        }

        var limit = DefaultDepthLimit;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || Array.IndexOf(s_depthLimits, limit) < 0))
        {
            return WriteRestErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_CLIENT_REQUEST", "Invalid limit: expected one of 5, 10, 20, 50, 100, 500, 1000");
        }

        if (!_streamNames.IsKnownSymbol(symbol))
        {
            return WriteRestErrorAsync(context, StatusCodes.Status400BadRequest, "INVALID_SYMBOL", "Invalid symbol");
        }

        bool isClosed;
        lock (_gate)
        {
            isClosed = _closedMarkets.Contains(symbol);
        }

        if (isClosed)
        {
            return WriteRestErrorAsync(context, StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", "Not Found");
        }

        var book = GetDepthSnapshot(symbol).Truncate(limit);
        var timestamp = UtcNow.ToUnixMicroseconds();
        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            JsonFrames.WriteLevels(writer, "asks", book.Asks, level => (level.Price, level.Quantity));
            JsonFrames.WriteLevels(writer, "bids", book.Bids.Reverse(), level => (level.Price, level.Quantity));
            writer.WriteString("lastUpdateId", book.LastUpdateId.ToString(CultureInfo.InvariantCulture));
            writer.WriteNumber("timestamp", timestamp);
            writer.WriteEndObject();
        });
    }

    /// <summary>The book to serve for <paramref name="symbol"/>: a static one, the simulator's, or an empty one.</summary>
    private BookSnapshot GetDepthSnapshot(string symbol)
    {
        lock (_gate)
        {
            if (_staticBooks.TryGetValue(symbol, out var book))
            {
                return book;
            }
        }

        return Volatile.Read(ref _depthSource)?.Invoke(symbol) ?? new BookSnapshot(symbol, 0, [], []);
    }

    /// <summary>Writes the REST error body <c>{"code":"...","message":"..."}</c>.</summary>
    private static Task WriteRestErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });

    private static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonFrames.Write(write), Encoding.UTF8, context.RequestAborted);
    }

    private static Task WriteTextAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }
}
