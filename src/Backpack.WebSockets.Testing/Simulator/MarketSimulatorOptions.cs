namespace Backpack.WebSockets.Testing;

/// <summary>Configures a <see cref="MarketSimulator"/>. Read once, when the simulator is constructed.</summary>
public sealed class MarketSimulatorOptions
{
    /// <summary>The default number of levels per side: 200.</summary>
    public const int DefaultBookDepth = 200;

    /// <summary>The default number of engine updates kept for <see cref="MarketSimulator.SnapshotLag"/>: 1000.</summary>
    public const int DefaultSnapshotHistory = 1000;

    private int _bookDepth = DefaultBookDepth;
    private int _snapshotHistory = DefaultSnapshotHistory;
    private double _tradeProbability = 0.25;
    private double _mergeProbability = 0.1;
    private double _liquidationProbability = 0.01;
    private double _accountActivity = 0.05;

    /// <summary>The random seed: the same seed, markets and clock readings produce the same frames.</summary>
    /// <value>Default 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>The markets to simulate; their symbols become known to the server.</summary>
    /// <value>Default <see cref="SimulatedMarket.CreateDefaults"/>.</value>
    public IList<SimulatedMarket> Symbols { get; set; } = SimulatedMarket.CreateDefaults();

    /// <summary>
    /// The bare stock tickers (<c>NVDA</c>, <c>BRK.B</c>) whose <c>stockPrice.&lt;ticker&gt;</c> and
    /// <c>stockIndicativeQuote.&lt;ticker&gt;</c> streams are published once per simulated second; they become known to the
    /// server. Every market of <see cref="Symbols"/> also gets <c>externalTicker.&lt;symbol&gt;</c>.
    /// </summary>
    /// <value>
    /// Default <c>NVDA</c> and <c>AAPL</c>. Prices swing slowly around a base derived from the ticker; on weekends the
    /// market is closed and the sides and the session are <c>null</c>. These streams draw nothing from the random source,
    /// so adding tickers leaves the other streams' frames unchanged.
    /// </value>
    public IList<string> StockTickers { get; set; } = ["NVDA", "AAPL"];

    /// <summary>The number of levels each side of each book holds (it is topped up and trimmed to this).</summary>
    /// <value>Default <see cref="DefaultBookDepth"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is under 20 or over 5000.</exception>
    public int BookDepth
    {
        get => _bookDepth;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 20);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 5000);
            _bookDepth = value;
        }
    }

    /// <summary>How many recent engine updates are kept to serve a lagging REST snapshot; the largest <see cref="MarketSimulator.SnapshotLag"/>.</summary>
    /// <value>Default <see cref="DefaultSnapshotHistory"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int SnapshotHistory
    {
        get => _snapshotHistory;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _snapshotHistory = value;
        }
    }

    /// <summary>The chance per engine update that a trade consumes (part of) a top level.</summary>
    /// <value>Default 0.25.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1.</exception>
    public double TradeProbability
    {
        get => _tradeProbability;
        set => _tradeProbability = Probability(value);
    }

    /// <summary>The chance per step that a market makes several engine updates and publishes them as one depth message (<c>U &lt; u</c>).</summary>
    /// <value>Default 0.1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1.</exception>
    public double MergeProbability
    {
        get => _mergeProbability;
        set => _mergeProbability = Probability(value);
    }

    /// <summary>The chance per step that a perpetual market publishes a <c>liquidation</c> event.</summary>
    /// <value>Default 0.01.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1.</exception>
    public double LiquidationProbability
    {
        get => _liquidationProbability;
        set => _liquidationProbability = Probability(value);
    }

    /// <summary>The chance per engine update that the simulated account places or cancels an order in that market (only with <see cref="AccountPublicKey"/>).</summary>
    /// <value>Default 0.05.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..1.</exception>
    public double AccountActivity
    {
        get => _accountActivity;
        set => _accountActivity = Probability(value);
    }

    /// <summary>
    /// The base64 public key of the simulated account. When set, the simulator trades for that account and publishes its
    /// <c>account.orderUpdate</c>, <c>account.balanceUpdate</c> and <c>account.positionUpdate</c> events; it must equal the
    /// server's <see cref="BackpackTestServerOptions.ApiPublicKey"/>, because only connections signed with that key receive them.
    /// </summary>
    /// <value>Default <see langword="null"/>: no account, no private events.</value>
    public string? AccountPublicKey { get; set; }

    /// <summary>The account's starting balances by asset (available; nothing locked).</summary>
    /// <value>Default 100 000 USDC, 100 SOL, 1 BTC, 10 ETH.</value>
    public IDictionary<string, decimal> InitialBalances { get; set; } =
        new Dictionary<string, decimal> { ["USDC"] = 100_000m, ["SOL"] = 100m, ["BTC"] = 1m, ["ETH"] = 10m };

    /// <summary>The account's open positions at start, by perpetual symbol (net quantity, negative for short), entered at the market's mid price.</summary>
    /// <value>Default empty.</value>
    public IDictionary<string, decimal> InitialPositions { get; set; } = new Dictionary<string, decimal>();

    private static double Probability(double value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1d);
        return value;
    }
}
