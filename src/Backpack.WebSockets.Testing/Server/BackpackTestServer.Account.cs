using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>The largest history page (<c>limit</c>), as on the exchange.</summary>
    private const int MaxHistoryPageSize = 1000;

    /// <summary>The default history page size.</summary>
    private const int DefaultHistoryPageSize = 100;

    /// <summary>The number of signed REST reads received (answered or rejected); changed with <see cref="Interlocked"/>.</summary>
    private int _signedRequestCount;

    /// <summary>
    /// The account served by the signed REST reads (<c>/api/v1/orders</c>, <c>/order</c>, <c>/capital</c>,
    /// <c>/capital/collateral</c>, <c>/position</c>, <c>/wapi/v1/history/fills</c> and <c>/orders</c>) and changed by the
    /// test; its changes are published on the <c>account.*</c> streams.
    /// </summary>
    public BackpackTestAccount Account { get; }

    /// <summary>The number of signed REST reads received, answered or rejected.</summary>
    public int SignedRestRequestCount => Volatile.Read(ref _signedRequestCount);

    /// <summary>Routes a signed account read, or returns <see langword="null"/> for another path.</summary>
    private Task? TryHandleAccountRest(HttpContext context, string path) => path switch
    {
        "/api/v1/orders" => Signed(context, "orderQueryAll", HandleOpenOrdersAsync),
        "/api/v1/order" => Signed(context, "orderQuery", HandleOpenOrderAsync),
        "/api/v1/capital" => Signed(context, "balanceQuery", c => WriteJsonAsync(c, StatusCodes.Status200OK, w => AccountRestWriter.WriteBalances(w, Account.Balances.Values))),
        "/api/v1/capital/collateral" => Signed(context, "collateralQuery", c => WriteJsonAsync(c, StatusCodes.Status200OK, w => AccountRestWriter.WriteCollateral(w, [.. Account.Balances.Values], Account.Positions))),
        "/api/v1/position" => Signed(context, "positionQuery", HandlePositionsAsync),
        "/wapi/v1/history/fills" => Signed(context, "fillHistoryQueryAll", HandleFillHistoryAsync),
        "/wapi/v1/history/orders" => Signed(context, "orderHistoryQueryAll", HandleOrderHistoryAsync),
        _ => null,
    };

    /// <summary>Checks the request's signature against the configured key and the server clock, then runs <paramref name="handle"/>.</summary>
    private Task Signed(HttpContext context, string instruction, Func<HttpContext, Task> handle)
    {
        Interlocked.Increment(ref _signedRequestCount);
        var headers = context.Request.Headers;
        var query = context.Request.Query.Select(static p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()));
        if (!_signatureVerifier.VerifyRest(
                Single(headers["X-API-Key"]), Single(headers["X-Signature"]), Single(headers["X-Timestamp"]), Single(headers["X-Window"]),
                instruction, query, UtcNow.ToUnixTimeMilliseconds(), out var reason))
        {
            Log.RestRejected(_logger, context.Request.Path.Value ?? string.Empty, reason);
            var message = reason.StartsWith("expired", StringComparison.Ordinal) || reason.Contains("ahead of", StringComparison.Ordinal)
                ? "Request has expired"
                : "Invalid signature";
            return WriteRestErrorAsync(context, StatusCodes.Status401Unauthorized, "INVALID_CLIENT_REQUEST", message);
        }

        return handle(context);
    }

    private Task HandleOpenOrdersAsync(HttpContext context)
    {
        var symbol = context.Request.Query["symbol"].ToString();
        var orders = Account.OpenOrders.Where(o => symbol.Length == 0 || o.Symbol == symbol).ToList();
        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            orders.ForEach(order => AccountRestWriter.WriteOrder(writer, order, history: false));
            writer.WriteEndArray();
        });
    }

    private Task HandleOpenOrderAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        if (symbol.Length == 0)
        {
            return WriteParseErrorAsync(context, "symbol", "Missing required parameter");
        }

        var orderId = query["orderId"].ToString();
        var clientId = query["clientId"].ToString();
        var order = Account.OpenOrders.FirstOrDefault(o => o.Symbol == symbol
            && (orderId.Length > 0 ? o.Id == orderId : clientId.Length > 0 && o.ClientId?.ToString(CultureInfo.InvariantCulture) == clientId));
        return order is null
            ? WriteRestErrorAsync(context, StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", "Order not found.")
            : WriteJsonAsync(context, StatusCodes.Status200OK, writer => AccountRestWriter.WriteOrder(writer, order, history: false));
    }

    private Task HandlePositionsAsync(HttpContext context)
    {
        var symbol = context.Request.Query["symbol"].ToString();
        var positions = Account.Positions.Where(p => symbol.Length == 0 || p.Symbol == symbol).OrderBy(static p => p.Symbol, StringComparer.Ordinal).ToList();
        if (symbol.Length > 0 && positions.Count == 0)
        {
            return WriteRestErrorAsync(context, StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", "Position not found.");
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            positions.ForEach(position => AccountRestWriter.WritePosition(writer, position));
            writer.WriteEndArray();
        });
    }

    private Task HandleFillHistoryAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryReadMs(query["from"], out var from) || !TryReadMs(query["to"], out var to))
        {
            return WriteParseErrorAsync(context, query["from"].Count > 0 ? "from" : "to", "Expect a valid integer");
        }

        var orderId = query["orderId"].ToString();
        var symbol = query["symbol"].ToString();
        var rows = Account.Fills
            .Where(f => (orderId.Length == 0 || f.OrderId == orderId) && (symbol.Length == 0 || f.Symbol == symbol)
                && (from is null || f.Timestamp.ToUnixTimeMilliseconds() >= from) && (to is null || f.Timestamp.ToUnixTimeMilliseconds() < to))
            .ToList();
        return WritePageAsync(context, rows, AccountRestWriter.WriteFill);
    }

    private Task HandleOrderHistoryAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var orderId = query["orderId"].ToString();
        var symbol = query["symbol"].ToString();
        var rows = Account.OrderHistory
            .Where(o => (orderId.Length == 0 || o.Id == orderId) && (symbol.Length == 0 || o.Symbol == symbol))
            .ToList();
        return WritePageAsync(context, rows, (writer, order) => AccountRestWriter.WriteOrder(writer, order, history: true));
    }

    /// <summary>
    /// Writes one page of a history reply: <c>sortDirection</c> (<c>Asc</c> oldest first, <c>Desc</c> newest first; absent
    /// means newest first, as one live sample did), <c>limit</c> and <c>offset</c>, and the four page headers (1-based page,
    /// honest total), with <c>Cache-Control: no-store</c>. Malformed paging parameters get the plain-text 400 of the exchange.
    /// </summary>
    private Task WritePageAsync<T>(HttpContext context, List<T> rows, Action<System.Text.Json.Utf8JsonWriter, T> write)
    {
        var query = context.Request.Query;
        var limit = DefaultHistoryPageSize;
        if (query["limit"].Count > 0 && (!int.TryParse(query["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxHistoryPageSize))
        {
            return WriteParseErrorAsync(context, "limit", "Expect a valid integer between 1 and 1000");
        }

        long offset = 0;
        if (query["offset"].Count > 0 && !long.TryParse(query["offset"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return WriteParseErrorAsync(context, "offset", "Expect a valid integer");
        }

        var direction = query["sortDirection"].ToString();
        if (direction is not ("" or "Asc" or "Desc"))
        {
            return WriteParseErrorAsync(context, "sortDirection", "failed to parse \"SortDirection\": Expect a valid enumeration value");
        }

        if (direction != "Asc")
        {
            rows.Reverse();
        }

        var page = rows.Skip((int)Math.Min(offset, int.MaxValue)).Take(limit).ToList();
        var headers = context.Response.Headers;
        headers["X-Page-Count"] = Math.Max(1, (rows.Count + limit - 1) / limit).ToString(CultureInfo.InvariantCulture);
        headers["X-Current-Page"] = ((offset / limit) + 1).ToString(CultureInfo.InvariantCulture);
        headers["X-Page-Size"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-Total"] = rows.Count.ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store, no-cache=\"Set-Cookie\"";
        return WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartArray();
            page.ForEach(row => write(writer, row));
            writer.WriteEndArray();
        });
    }

    /// <summary>The exchange's plain-text 400 for a query it cannot parse (spec §9.4).</summary>
    private static Task WriteParseErrorAsync(HttpContext context, string parameter, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return WriteTextAsync(context, $"failed to parse parameter `{parameter}`: {detail}.");
    }

    private static bool TryReadMs(StringValues value, out long? ms)
    {
        ms = null;
        if (value.Count == 0)
        {
            return true;
        }

        if (long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            ms = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A header's single value, or <see langword="null"/> when absent (a repeated header counts as absent).</summary>
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;
}
