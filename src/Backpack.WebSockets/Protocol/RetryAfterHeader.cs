using System.Globalization;
using System.Net.Http.Headers;

namespace Backpack.WebSockets.Protocol;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. One parser for the WebSocket
/// handshake (a 429 answer) and the REST client.
/// </summary>
internal static class RetryAfterHeader
{
    /// <summary>Parses the raw header text.</summary>
    /// <param name="value">The header value, or <see langword="null"/> when there was none.</param>
    /// <param name="now">The current time, to turn an HTTP-date into a delay.</param>
    /// <returns>The delay (never negative), or <see langword="null"/> when the value is absent or malformed.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // Beyond a day is not a retry hint any client should honour literally; clamp instead of overflowing.
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
        }

        return DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Positive(date - now)
            : null;
    }

    /// <summary>Reads the typed header of an <see cref="HttpResponseMessage"/>.</summary>
    /// <param name="header">The response's <c>Retry-After</c>, or <see langword="null"/>.</param>
    /// <param name="now">The current time, to turn an HTTP-date into a delay.</param>
    /// <returns>The delay (never negative), or <see langword="null"/> when there was none.</returns>
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => Positive(delta),
        { Date: { } date } => Positive(date - now),
        _ => null,
    };

    private static TimeSpan Positive(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
