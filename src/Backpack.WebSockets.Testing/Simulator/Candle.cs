namespace Backpack.WebSockets.Testing;

/// <summary>The open candle of one k-line interval of one market.</summary>
internal sealed class Candle(string interval, string stream)
{
    /// <summary>The interval, e.g. <c>1m</c>.</summary>
    public string Interval { get; } = interval;

    /// <summary>The stream name, e.g. <c>kline.1m.SOL_USDC</c>.</summary>
    public string Stream { get; } = stream;

    /// <summary>The candle start (UTC).</summary>
    public DateTime Start { get; private set; }

    /// <summary>The candle end, exclusive (UTC).</summary>
    public DateTime End { get; private set; }

    /// <summary>Open price in ticks, or <see langword="null"/> before the first trade.</summary>
    public long? Open { get; private set; }

    /// <summary>High price in ticks.</summary>
    public long? High { get; private set; }

    /// <summary>Low price in ticks.</summary>
    public long? Low { get; private set; }

    /// <summary>Close (last) price in ticks.</summary>
    public long? Close { get; private set; }

    /// <summary>Base volume in lots.</summary>
    public long VolumeLots { get; private set; }

    /// <summary>Number of trades.</summary>
    public int Trades { get; private set; }

    /// <summary>Whether a trade changed the candle since the last update was published.</summary>
    public bool Dirty { get; set; }

    /// <summary>Starts the candle that contains <paramref name="time"/>.</summary>
    public void Reset(DateTime time)
    {
        Start = KlineIntervals.CandleStart(Interval, time);
        End = KlineIntervals.CandleEnd(Interval, Start);
        Open = High = Low = Close = null;
        VolumeLots = 0;
        Trades = 0;
        Dirty = false;
    }

    /// <summary>Adds a trade.</summary>
    public void Apply(long ticks, long lots)
    {
        Open ??= ticks;
        High = Math.Max(High ?? ticks, ticks);
        Low = Math.Min(Low ?? ticks, ticks);
        Close = ticks;
        VolumeLots += lots;
        Trades++;
        Dirty = true;
    }
}
