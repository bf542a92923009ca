namespace Backpack.WebSockets.Models;

/// <summary>The length of a candle; part of the stream name (<c>kline.1m.SOL_USDC</c>).</summary>
public enum KlineInterval
{
    /// <summary>A value this library does not know; not valid in a stream name.</summary>
    Unknown = 0,

    /// <summary><c>1s</c>.</summary>
    OneSecond,

    /// <summary><c>1m</c>.</summary>
    OneMinute,

    /// <summary><c>3m</c>.</summary>
    ThreeMinutes,

    /// <summary><c>5m</c>.</summary>
    FiveMinutes,

    /// <summary><c>15m</c>.</summary>
    FifteenMinutes,

    /// <summary><c>30m</c>.</summary>
    ThirtyMinutes,

    /// <summary><c>1h</c>.</summary>
    OneHour,

    /// <summary><c>2h</c>.</summary>
    TwoHours,

    /// <summary><c>4h</c>.</summary>
    FourHours,

    /// <summary><c>6h</c>.</summary>
    SixHours,

    /// <summary><c>8h</c>.</summary>
    EightHours,

    /// <summary><c>12h</c>.</summary>
    TwelveHours,

    /// <summary><c>1d</c>.</summary>
    OneDay,

    /// <summary><c>3d</c>.</summary>
    ThreeDays,

    /// <summary><c>1w</c>.</summary>
    OneWeek,

    /// <summary><c>1month</c>.</summary>
    OneMonth,
}
