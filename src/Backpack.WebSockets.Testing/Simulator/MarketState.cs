namespace Backpack.WebSockets.Testing;

/// <summary>Everything the simulator keeps for one market. Guarded by the simulator's lock.</summary>
internal sealed class MarketState
{
    /// <summary>The aggregated depth intervals, in milliseconds.</summary>
    private static readonly int[] s_windowLengthsMs = [200, 600, 1000];

    /// <summary>Creates the state of a market whose book starts empty.</summary>
    public MarketState(SimulatedMarket market, long firstUpdateId, long firstTradeId, DateTime now)
    {
        Market = market;
        LastUpdateId = firstUpdateId - 1;
        LastTradeId = firstTradeId - 1;
        Windows = [.. s_windowLengthsMs.Select(ms => new DepthWindow($"depth.{ms}ms.{market.Symbol}", ms * 1000L))];
        Candles = [.. KlineIntervals.All.Select(interval => new Candle(interval, $"kline.{interval}.{market.Symbol}"))];
        foreach (var candle in Candles)
        {
            candle.Reset(now);
        }

        DepthStream = $"depth.{market.Symbol}";
        BookTickerStream = $"bookTicker.{market.Symbol}";
        TradeStream = $"trade.{market.Symbol}";
        TickerStream = $"ticker.{market.Symbol}";
        MarkPriceStream = $"markPrice.{market.Symbol}";
        OpenInterestStream = $"openInterest.{market.Symbol}";
        ExternalTickerStream = $"externalTicker.{market.Symbol}";
    }

    /// <summary>The market.</summary>
    public SimulatedMarket Market { get; }

    /// <summary>The current book.</summary>
    public SimulatedBook Book { get; } = new();

    /// <summary>The id of the last applied engine update.</summary>
    public long LastUpdateId { get; set; }

    /// <summary>The id of the last trade.</summary>
    public long LastTradeId { get; set; }

    /// <summary>Whether the next step hides one engine update from the depth streams (a sequence gap).</summary>
    public bool PendingGap { get; set; }

    /// <summary>The most recent engine updates, oldest first, for rolling a snapshot back.</summary>
    public Queue<EngineUpdate> History { get; } = new();

    /// <summary>The top of book last published on <c>bookTicker</c>: bid ticks, bid lots, ask ticks, ask lots.</summary>
    public (long BidTicks, long BidLots, long AskTicks, long AskLots) LastTop { get; set; }

    /// <summary>The aggregated depth windows.</summary>
    public DepthWindow[] Windows { get; }

    /// <summary>One open candle per k-line interval.</summary>
    public Candle[] Candles { get; }

    /// <summary>The ticker's open price in ticks (the start price: the ticker counts since the simulator started).</summary>
    public long TickerOpen { get; set; }

    /// <summary>The ticker's high in ticks.</summary>
    public long TickerHigh { get; set; }

    /// <summary>The ticker's low in ticks.</summary>
    public long TickerLow { get; set; }

    /// <summary>The last trade price in ticks.</summary>
    public long LastPrice { get; set; }

    /// <summary>The traded base volume in lots.</summary>
    public long VolumeLots { get; set; }

    /// <summary>The traded quote volume.</summary>
    public decimal QuoteVolume { get; set; }

    /// <summary>The number of trades.</summary>
    public long TradeCount { get; set; }

    /// <summary>The open interest in lots (perpetuals).</summary>
    public long OpenInterestLots { get; set; }

    /// <summary>The account's resting order, if any.</summary>
    public AccountOrder? Order { get; set; }

    /// <summary>The account's position (perpetuals), if it ever had one.</summary>
    public AccountPosition? Position { get; set; }

    /// <summary><c>depth.&lt;symbol&gt;</c>.</summary>
    public string DepthStream { get; }

    /// <summary><c>bookTicker.&lt;symbol&gt;</c>.</summary>
    public string BookTickerStream { get; }

    /// <summary><c>trade.&lt;symbol&gt;</c>.</summary>
    public string TradeStream { get; }

    /// <summary><c>ticker.&lt;symbol&gt;</c>.</summary>
    public string TickerStream { get; }

    /// <summary><c>markPrice.&lt;symbol&gt;</c>.</summary>
    public string MarkPriceStream { get; }

    /// <summary><c>openInterest.&lt;symbol&gt;</c>.</summary>
    public string OpenInterestStream { get; }

    /// <summary><c>externalTicker.&lt;symbol&gt;</c>.</summary>
    public string ExternalTickerStream { get; }

    /// <summary>The mid price (average of best bid and best ask), unrounded.</summary>
    public decimal MidPrice => (Market.Price(Book.BestBid) + Market.Price(Book.BestAsk)) / 2m;
}
