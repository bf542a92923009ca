namespace Backpack.WebSockets.Testing;

/// <summary>The k-line intervals of the Backpack API (spec §10) and the candle boundaries they imply.</summary>
internal static class KlineIntervals
{
    /// <summary>Every interval, in the documented lower-case spelling.</summary>
    public static readonly string[] All =
        ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1month"];

    /// <summary>Whether <paramref name="interval"/> is a documented interval.</summary>
    public static bool IsValid(string interval) => Array.IndexOf(All, interval) >= 0;

    /// <summary>The start of the candle of <paramref name="interval"/> that contains <paramref name="time"/>.</summary>
    /// <remarks>Fixed-length intervals are aligned to the Unix epoch, weeks start on Monday, months on the first day (UTC).</remarks>
    public static DateTime CandleStart(string interval, DateTime time)
    {
        switch (interval)
        {
            case "1month":
                return new DateTime(time.Year, time.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            case "1w":
                var day = time.Date;
                var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
                return DateTime.SpecifyKind(day.AddDays(-sinceMonday), DateTimeKind.Utc);
            default:
                var length = FixedLength(interval);
                var ticks = time.Ticks - (time.Ticks % length.Ticks);
                return new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    /// <summary>The end (exclusive; the start of the next candle) of the candle starting at <paramref name="start"/>.</summary>
    public static DateTime CandleEnd(string interval, DateTime start) =>
        interval switch
        {
            "1month" => start.AddMonths(1),
            "1w" => start.AddDays(7),
            _ => start + FixedLength(interval),
        };

    private static TimeSpan FixedLength(string interval)
    {
        var unit = interval[^1];
        var count = int.Parse(interval.AsSpan(0, interval.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
        return unit switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => throw new ArgumentException($"Unknown interval '{interval}'.", nameof(interval)),
        };
    }
}
