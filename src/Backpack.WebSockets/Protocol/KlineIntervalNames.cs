using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol;

/// <summary>Maps <see cref="KlineInterval"/> to and from the lower-case names used in <c>kline.&lt;interval&gt;.&lt;symbol&gt;</c>.</summary>
internal static class KlineIntervalNames
{
    /// <summary>Returns the wire name of <paramref name="interval"/>, for example <c>1m</c> or <c>1month</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is <see cref="KlineInterval.Unknown"/> or not defined.</exception>
    public static string ToWireName(KlineInterval interval) => interval switch
    {
        KlineInterval.OneSecond => "1s",
        KlineInterval.OneMinute => "1m",
        KlineInterval.ThreeMinutes => "3m",
        KlineInterval.FiveMinutes => "5m",
        KlineInterval.FifteenMinutes => "15m",
        KlineInterval.ThirtyMinutes => "30m",
        KlineInterval.OneHour => "1h",
        KlineInterval.TwoHours => "2h",
        KlineInterval.FourHours => "4h",
        KlineInterval.SixHours => "6h",
        KlineInterval.EightHours => "8h",
        KlineInterval.TwelveHours => "12h",
        KlineInterval.OneDay => "1d",
        KlineInterval.ThreeDays => "3d",
        KlineInterval.OneWeek => "1w",
        KlineInterval.OneMonth => "1month",
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Not a kline interval the server knows."),
    };

    /// <summary>
    /// Parses a wire name such as <c>1m</c>. Case-sensitive: the server uses lower case only, and <c>1M</c> would be
    /// ambiguous between a minute and a month.
    /// </summary>
    /// <returns><see langword="true"/> if <paramref name="name"/> is one of the documented names.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out KlineInterval interval)
    {
        interval = name switch
        {
            "1s" => KlineInterval.OneSecond,
            "1m" => KlineInterval.OneMinute,
            "3m" => KlineInterval.ThreeMinutes,
            "5m" => KlineInterval.FiveMinutes,
            "15m" => KlineInterval.FifteenMinutes,
            "30m" => KlineInterval.ThirtyMinutes,
            "1h" => KlineInterval.OneHour,
            "2h" => KlineInterval.TwoHours,
            "4h" => KlineInterval.FourHours,
            "6h" => KlineInterval.SixHours,
            "8h" => KlineInterval.EightHours,
            "12h" => KlineInterval.TwelveHours,
            "1d" => KlineInterval.OneDay,
            "3d" => KlineInterval.ThreeDays,
            "1w" => KlineInterval.OneWeek,
            "1month" => KlineInterval.OneMonth,
            _ => KlineInterval.Unknown,
        };
        return interval != KlineInterval.Unknown;
    }
}
