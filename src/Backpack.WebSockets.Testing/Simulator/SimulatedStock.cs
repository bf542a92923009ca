namespace Backpack.WebSockets.Testing;

/// <summary>
/// One stock whose provider quote (<c>stockPrice.&lt;ticker&gt;</c>) and quoter estimate
/// (<c>stockIndicativeQuote.&lt;ticker&gt;</c>) the simulator publishes. Prices follow a slow wave around a base price
/// derived from the ticker, so they are plausible, repeatable and draw nothing from the simulator's random source.
/// </summary>
internal sealed class SimulatedStock
{
    /// <summary>Half the provider's bid-ask spread.</summary>
    private const decimal HalfSpread = 0.01m;

    /// <summary>How much worse than the provider's side the quoter estimates a fill (its hedging cost).</summary>
    private const decimal QuoterMargin = 0.03m;

    public SimulatedStock(string ticker)
    {
        Ticker = ticker;
        PriceStream = $"stockPrice.{ticker}";
        QuoteStream = $"stockIndicativeQuote.{ticker}";

        // FNV-1a: string.GetHashCode is randomized per process, and the same ticker must price the same every run.
        var hash = 2166136261u;
        foreach (var c in ticker)
        {
            hash = (hash ^ c) * 16777619u;
        }

        BasePrice = 20m + (hash % 48_000u) / 100m;
    }

    public string Ticker { get; }

    /// <summary><c>stockPrice.&lt;ticker&gt;</c>.</summary>
    public string PriceStream { get; }

    /// <summary><c>stockIndicativeQuote.&lt;ticker&gt;</c>.</summary>
    public string QuoteStream { get; }

    /// <summary>The price the wave swings around.</summary>
    public decimal BasePrice { get; }

    /// <summary>The US equity session at <paramref name="utc"/>, or <see langword="null"/> on a weekend (market closed).</summary>
    /// <remarks>The vocabulary is undocumented (spec §13); these names are the simulator's own.</remarks>
    public static string? SessionAt(DateTime utc)
    {
        if (utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return null;
        }

        var minutes = (utc.Hour * 60) + utc.Minute;
        return minutes switch
        {
            >= (13 * 60) + 30 and < 20 * 60 => "regular",
            >= 8 * 60 and < (13 * 60) + 30 => "preMarket",
            >= 20 * 60 => "afterHours",
            _ => "overnight",
        };
    }

    /// <summary>The mid at <paramref name="utc"/>: ±0.2 % around <see cref="BasePrice"/> over ten minutes, to the cent.</summary>
    public decimal MidAt(DateTime utc)
    {
        var phase = (utc.TimeOfDay.TotalSeconds % 600) / 600 * 2 * Math.PI;
        return decimal.Round(BasePrice * (1m + (0.002m * (decimal)Math.Sin(phase))), 2);
    }

    /// <summary>The provider's bid and ask, or <see langword="null"/> when the market is closed.</summary>
    public (decimal? Bid, decimal? Ask) SidesAt(DateTime utc, string? session) =>
        session is null ? (null, null) : (MidAt(utc) - HalfSpread, MidAt(utc) + HalfSpread);

    /// <summary>The quoter's estimated settle prices for a seller and a buyer, or <see langword="null"/> when closed.</summary>
    public (decimal? Bid, decimal? Ask) EstimatesAt(DateTime utc, string? session)
    {
        var (bid, ask) = SidesAt(utc, session);
        return (bid - QuoterMargin, ask + QuoterMargin);
    }
}
