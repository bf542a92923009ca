namespace Backpack.WebSockets.Account;

/// <summary>Options of a <see cref="BackpackAccountTracker"/>.</summary>
public sealed class BackpackAccountTrackerOptions
{
    private TimeSpan? _reconcileInterval;
    private TimeSpan _retryDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxRetryDelay = TimeSpan.FromSeconds(30);
    private TimeSpan _fillLookback = TimeSpan.FromMinutes(1);
    private int _changeCapacity = 10_000;
    private int _historyRequestsPerMinute = 30;
    private int _maxBalanceRereads = 3;

    /// <summary>How often to reconcile with REST while in sync, besides after every loss of the private connection.</summary>
    /// <value>Defaults to <see langword="null"/>: only after a loss. From 1 second to 1 day.</value>
    public TimeSpan? ReconcileInterval
    {
        get => _reconcileInterval;
        set => _reconcileInterval = value is { } interval ? OptionRanges.Check(interval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), nameof(ReconcileInterval)) : null;
    }

    /// <summary>The first delay before a failed REST snapshot is read again; doubled per failure up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to 1 second. From 0 to 1 minute.</value>
    public TimeSpan RetryDelay
    {
        get => _retryDelay;
        set => _retryDelay = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(RetryDelay));
    }

    /// <summary>The longest delay between two attempts of a failed REST snapshot.</summary>
    /// <value>Defaults to 30 seconds. From 0 to 10 minutes.</value>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => _maxRetryDelay = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(MaxRetryDelay));
    }

    /// <summary>
    /// How far before the last event seen (or the last snapshot) a reconciliation reads the fill history, to cover clock
    /// differences; fills already seen are recognised by trade id and not published again.
    /// </summary>
    /// <value>Defaults to 1 minute. From 0 to 1 day.</value>
    public TimeSpan FillLookback
    {
        get => _fillLookback;
        set => _fillLookback = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromDays(1), nameof(FillLookback));
    }

    /// <summary>How many changes each <see cref="BackpackAccountTracker.WatchAsync"/> consumer may fall behind before it ends with <see cref="BackpackStreamErrorCode.SlowConsumer"/>.</summary>
    /// <value>Defaults to 10,000. From 1 to 10,000,000.</value>
    public int ChangeCapacity
    {
        get => _changeCapacity;
        set => _changeCapacity = OptionRanges.Check(value, 1, 10_000_000, nameof(ChangeCapacity));
    }

    /// <summary>
    /// The pace of the history reads (<c>/wapi/v1/history/*</c>, one per order that left the book while away and one for the
    /// fills): at most this many reads in any minute, as the exchange's 30-per-minute bucket for historical data may apply.
    /// The pages of one fill read (1,000 fills each) count as one.
    /// </summary>
    /// <value>Defaults to 30. From 1 to 10,000.</value>
    public int HistoryRequestsPerMinute
    {
        get => _historyRequestsPerMinute;
        set => _historyRequestsPerMinute = OptionRanges.Check(value, 1, 10_000, nameof(HistoryRequestsPerMinute));
    }

    /// <summary>
    /// How many times the balances are read again when a balance update arrived while the request was in flight (spec
    /// §9.5.4); after that the updates are applied over the last read, in the order they arrived.
    /// </summary>
    /// <value>Defaults to 3. From 0 to 100.</value>
    public int MaxBalanceRereads
    {
        get => _maxBalanceRereads;
        set => _maxBalanceRereads = OptionRanges.Check(value, 0, 100, nameof(MaxBalanceRereads));
    }
}
