using System.Globalization;
using System.Net.Http.Headers;

namespace Backpack.WebSockets.Rest;

/// <summary>The one reader of HTTP <c>Retry-After</c> (seconds or an HTTP date), for REST answers and refused handshakes.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait a response asks for, or <see langword="null"/> when it asks for none.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider) =>
        FromHeader(response.Headers.RetryAfter, timeProvider);

    /// <summary>The wait a raw header value asks for (as a refused WebSocket handshake reports it).</summary>
    public static TimeSpan? Parse(string? value, TimeProvider timeProvider)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return RetryConditionHeaderValue.TryParse(value, out var parsed) ? FromHeader(parsed, timeProvider) : null;
    }

    private static TimeSpan? FromHeader(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
