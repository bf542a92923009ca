using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

/// <summary>
/// Typed descriptors for every Backpack stream. Each method builds the stream name (<c>&lt;type&gt;.&lt;symbol&gt;</c>)
/// and knows how to parse its payload; pass the result to <see cref="BackpackStreamClient.SubscribeAsync{T}"/>.
/// </summary>
/// <remarks>
/// Symbols are checked so a stream name built from user input cannot smuggle another stream or JSON into a request:
/// letters, digits, <c>_</c>, <c>-</c> and <c>.</c> only (<c>SPCX.US_USDC</c> is a valid symbol). Names are sent with the
/// exact case given; Backpack symbols are upper case.
/// </remarks>
public static class BackpackStreams
{
    /// <summary>Incremental order-book updates: <c>depth.&lt;symbol&gt;</c>, or an aggregated variant.</summary>
    /// <param name="symbol">The market, for example <c>SOL_USDC</c>.</param>
    /// <param name="interval">Real time (default) or merged over 200, 600 or 1000 ms.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is empty or contains a character a symbol cannot have.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is not defined.</exception>
    public static BackpackStream<DepthUpdate> Depth(string symbol, DepthInterval interval = DepthInterval.RealTime)
    {
        var prefix = interval switch
        {
            DepthInterval.RealTime => "depth.",
            DepthInterval.Milliseconds200 => "depth.200ms.",
            DepthInterval.Milliseconds600 => "depth.600ms.",
            DepthInterval.Milliseconds1000 => "depth.1000ms.",
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown depth interval."),
        };
        return new(prefix + StreamNames.ValidateSymbol(symbol, nameof(symbol)), DepthUpdateParser.Parse);
    }

    /// <summary>Best bid and ask, on every top-of-book change: <c>bookTicker.&lt;symbol&gt;</c>.</summary>
    /// <param name="symbol">The market.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<BookTicker> BookTicker(string symbol) => Public("bookTicker.", symbol, BookTickerParser.Parse);

    /// <summary>Public trades: <c>trade.&lt;symbol&gt;</c>.</summary>
    /// <param name="symbol">The market.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<Trade> Trades(string symbol) => Public("trade.", symbol, TradeParser.Parse);

    /// <summary>24-hour rolling statistics, every second: <c>ticker.&lt;symbol&gt;</c>.</summary>
    /// <param name="symbol">The market.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<Ticker> Ticker(string symbol) => Public("ticker.", symbol, TickerParser.Parse);

    /// <summary>Candles: <c>kline.&lt;interval&gt;.&lt;symbol&gt;</c>. Each <see cref="Kline"/> carries the interval.</summary>
    /// <param name="symbol">The market.</param>
    /// <param name="interval">The candle interval.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is <see cref="KlineInterval.Unknown"/> or undefined.</exception>
    public static BackpackStream<Kline> Klines(string symbol, KlineInterval interval)
    {
        var name = $"kline.{KlineIntervalNames.ToWireName(interval)}.{StreamNames.ValidateSymbol(symbol, nameof(symbol))}";
        return new(name, data => KlineParser.Parse(data, interval));
    }

    /// <summary>Mark price, index price and funding, about every second on perpetuals: <c>markPrice.&lt;symbol&gt;</c>.</summary>
    /// <param name="symbol">The market, for example <c>SOL_USDC_PERP</c>.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<MarkPrice> MarkPrice(string symbol) => Public("markPrice.", symbol, MarkPriceParser.Parse);

    /// <summary>Open interest, every 60 seconds: <c>openInterest.&lt;symbol&gt;</c>.</summary>
    /// <param name="symbol">The market.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<OpenInterest> OpenInterest(string symbol) => Public("openInterest.", symbol, OpenInterestParser.Parse);

    /// <summary>Every liquidation on every market: <c>liquidation</c> (one global stream; it takes no symbol).</summary>
    /// <returns>The stream descriptor.</returns>
    public static BackpackStream<Liquidation> Liquidations() => new("liquidation", LiquidationParser.Parse);

    /// <summary>
    /// 24-hour statistics from an external data provider (stock markets): <c>externalTicker.&lt;symbol&gt;</c>. The
    /// payload is not officially documented, so every value of <see cref="Models.ExternalTicker"/> is optional.
    /// </summary>
    /// <param name="symbol">The market, for example <c>MU.US_USDC</c>.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<ExternalTicker> ExternalTicker(string symbol)
    {
        var valid = StreamNames.ValidateSymbol(symbol, nameof(symbol));
        return new("externalTicker." + valid, data => ExternalTickerParser.Parse(data, valid));
    }

    /// <summary>A provider's stock quote (bid, ask, mid, session; reference data, not a Backpack price): <c>stockPrice.&lt;ticker&gt;</c>.</summary>
    /// <param name="ticker">The <b>bare</b> stock ticker, for example <c>NVDA</c> or <c>BRK.B</c> (not <c>NVDA.US</c>, not a market symbol).</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The ticker is empty, has a character a ticker cannot have, or is a market or security symbol.</exception>
    public static BackpackStream<StockPrice> StockPrice(string ticker)
    {
        var valid = StreamNames.ValidateTicker(ticker, nameof(ticker));
        return new("stockPrice." + valid, data => StockPriceParser.Parse(data, valid));
    }

    /// <summary>
    /// The stock quoter's estimated RFQ settle prices for both sides, about once a second:
    /// <c>stockIndicativeQuote.&lt;ticker&gt;</c>.
    /// </summary>
    /// <param name="ticker">The <b>bare</b> stock ticker, for example <c>NVDA</c>.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The ticker is empty, has a character a ticker cannot have, or is a market or security symbol.</exception>
    public static BackpackStream<StockIndicativeQuote> StockIndicativeQuote(string ticker)
    {
        var valid = StreamNames.ValidateTicker(ticker, nameof(ticker));
        return new("stockIndicativeQuote." + valid, data => StockIndicativeQuoteParser.Parse(data, valid));
    }

    /// <summary>Your orders' lifecycle and fills: <c>account.orderUpdate</c>, or <c>account.orderUpdate.&lt;symbol&gt;</c>. Private.</summary>
    /// <param name="symbol">Only this market's orders; <see langword="null"/> for all.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<OrderUpdate> OrderUpdates(string? symbol = null) => Private("account.orderUpdate", symbol, OrderUpdateParser.Parse);

    /// <summary>
    /// Your positions: <c>account.positionUpdate</c>, or <c>account.positionUpdate.&lt;symbol&gt;</c>. Private. Open positions
    /// arrive first as <see cref="PositionEventType.Snapshot"/> items; a flat account sends nothing.
    /// </summary>
    /// <param name="symbol">Only this market's positions; <see langword="null"/> for all.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<PositionUpdate> PositionUpdates(string? symbol = null) => Private("account.positionUpdate", symbol, PositionUpdateParser.Parse);

    /// <summary>Your balances after every change (absolute values): <c>account.balanceUpdate</c>. Private; all assets.</summary>
    /// <returns>The stream descriptor.</returns>
    public static BackpackStream<BalanceUpdate> BalanceUpdates() => new("account.balanceUpdate", BalanceUpdateParser.Parse);

    /// <summary>Request-for-quote events: <c>account.rfqUpdate</c>, or <c>account.rfqUpdate.&lt;symbol&gt;</c>. Private.</summary>
    /// <param name="symbol">Only this market's RFQs; <see langword="null"/> for all.</param>
    /// <returns>The stream descriptor.</returns>
    /// <exception cref="ArgumentException">The symbol is invalid.</exception>
    public static BackpackStream<RfqUpdate> RfqUpdates(string? symbol = null) => Private("account.rfqUpdate", symbol, RfqUpdateParser.Parse);

    private static BackpackStream<T> Public<T>(string prefix, string symbol, PayloadParser<T> parser) =>
        new(prefix + StreamNames.ValidateSymbol(symbol, nameof(symbol)), parser);

    private static BackpackStream<T> Private<T>(string name, string? symbol, PayloadParser<T> parser) =>
        new(symbol is null ? name : $"{name}.{StreamNames.ValidateSymbol(symbol, nameof(symbol))}", parser);
}
