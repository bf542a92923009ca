namespace Backpack.Soak;

/// <summary>The knobs of <see cref="SoakScenario"/>; the defaults are the ones the README's soak command uses.</summary>
internal sealed record SoakOptions
{
    /// <summary>How long the market runs with faults; the final checks come after.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Seeds the simulator, the fault schedule and the trade consumer's stalls.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The one market simulated, booked and traded.</summary>
    public string Symbol { get; init; } = "SOL_USDC";

    /// <summary>The real time between simulator steps (each step is one engine update, often a trade).</summary>
    public TimeSpan StepInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The fewest steps between two faults (counted from the recovery of the previous one).</summary>
    public int MinStepsBetweenFaults { get; init; } = 150;

    /// <summary>The most steps between two faults.</summary>
    public int MaxStepsBetweenFaults { get; init; } = 600;

    /// <summary>The client's per-subscription buffer; small, so that the stalled trade consumer overflows it.</summary>
    public int StreamCapacity { get; init; } = 256;

    /// <summary>The chance per step that the simulated account places or cancels an order.</summary>
    public double AccountActivity { get; init; } = 0.1;

    /// <summary>The chance per engine update of a trade: high, so that the stalled consumer's buffer fills in seconds.</summary>
    public double TradeProbability { get; init; } = 0.9;

    /// <summary>How long the trade consumer reads between stalls, at most.</summary>
    public TimeSpan MaxReadStretch { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the trade consumer stops reading, at most (it stalls at least a third of this).</summary>
    public TimeSpan MaxStall { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How often memory is sampled (with a full collection).</summary>
    public TimeSpan MemorySampleInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest growth of the managed heap allowed from the first sample after warm-up to the last.</summary>
    public long MaxManagedGrowthBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a fault may take to heal (reconnect, resubscribe, book synced) before the run fails.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The warm-up: memory samples before it are reported but not used as the baseline.</summary>
    public TimeSpan WarmUp => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, Duration.Ticks / 5));
}
