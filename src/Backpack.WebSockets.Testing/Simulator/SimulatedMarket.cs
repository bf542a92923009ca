using System.Globalization;

namespace Backpack.WebSockets.Testing;

/// <summary>One market of a <see cref="MarketSimulator"/>: its symbol, start price, tick size and lot size.</summary>
public sealed class SimulatedMarket
{
    /// <summary>Creates a market.</summary>
    /// <param name="symbol">The symbol, <c>BASE_QUOTE</c> or <c>BASE_QUOTE_PERP</c>.</param>
    /// <param name="midPrice">The price the book starts around.</param>
    /// <param name="tickSize">The price increment; its scale is the number of decimals prices are written with.</param>
    /// <param name="lotSize">The quantity increment; its scale is the number of decimals quantities are written with.</param>
    /// <exception cref="ArgumentException">The symbol is not <c>BASE_QUOTE[_SUFFIX]</c>, or a number is not positive, or the mid price is under 1000 ticks.</exception>
    public SimulatedMarket(string symbol, decimal midPrice, decimal tickSize, decimal lotSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickSize, 0m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lotSize, 0m);
        if (midPrice / tickSize < 1000m)
        {
            throw new ArgumentOutOfRangeException(nameof(midPrice), midPrice, "The mid price must be at least 1000 ticks, so that a deep book stays above zero.");
        }

        var parts = symbol.Split('_');
        if (parts.Length < 2 || parts.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"Symbol '{symbol}' is not BASE_QUOTE or BASE_QUOTE_SUFFIX.", nameof(symbol));
        }

        Symbol = symbol;
        MidPrice = midPrice;
        TickSize = tickSize;
        LotSize = lotSize;
        BaseAsset = parts[0];
        QuoteAsset = parts[1];
        IsPerpetual = symbol.EndsWith("_PERP", StringComparison.Ordinal);
    }

    /// <summary>The symbol.</summary>
    public string Symbol { get; }

    /// <summary>The price the book starts around.</summary>
    public decimal MidPrice { get; }

    /// <summary>The price increment.</summary>
    public decimal TickSize { get; }

    /// <summary>The quantity increment.</summary>
    public decimal LotSize { get; }

    /// <summary>The base asset (<c>SOL</c> of <c>SOL_USDC</c>).</summary>
    public string BaseAsset { get; }

    /// <summary>The quote asset (<c>USDC</c> of <c>SOL_USDC</c>).</summary>
    public string QuoteAsset { get; }

    /// <summary>Whether the symbol ends in <c>_PERP</c>: such markets also publish mark price, open interest and positions.</summary>
    public bool IsPerpetual { get; }

    /// <summary>The default markets: SOL, BTC and ETH against USDC, spot and perpetual.</summary>
    /// <returns>New instances.</returns>
    public static IList<SimulatedMarket> CreateDefaults() =>
    [
        new("SOL_USDC", 150.00m, 0.01m, 0.01m),
        new("BTC_USDC", 100000.0m, 0.1m, 0.00001m),
        new("ETH_USDC", 3500.00m, 0.01m, 0.0001m),
        new("SOL_USDC_PERP", 150.00m, 0.01m, 0.01m),
        new("BTC_USDC_PERP", 100000.0m, 0.1m, 0.00001m),
    ];

    /// <summary>The price of <paramref name="ticks"/> ticks, at the tick size's scale.</summary>
    internal decimal Price(long ticks) => ticks * TickSize;

    /// <summary>The quantity of <paramref name="lots"/> lots, at the lot size's scale.</summary>
    internal decimal Quantity(long lots) => lots * LotSize;

    /// <summary>The price as the wire writes it (a decimal string at the tick size's scale).</summary>
    internal string FormatPrice(long ticks) => Price(ticks).ToString(CultureInfo.InvariantCulture);

    /// <summary>The quantity as the wire writes it (a decimal string at the lot size's scale).</summary>
    internal string FormatQuantity(long lots) => Quantity(lots).ToString(CultureInfo.InvariantCulture);

    /// <summary>The nearest whole number of ticks to <paramref name="price"/>.</summary>
    internal long ToTicks(decimal price) => (long)decimal.Round(price / TickSize, MidpointRounding.AwayFromZero);
}
