namespace Backpack.WebSockets.OrderBook;

/// <summary>Settings for a <see cref="BackpackOrderBook"/>. Read once, when the book is constructed.</summary>
/// <remarks>Setters reject out-of-range values with <see cref="ArgumentOutOfRangeException"/>.</remarks>
public sealed class BackpackOrderBookOptions
{
    /// <summary>The default REST snapshot size, 1000 levels per side (the API's default and maximum).</summary>
    public const int DefaultSnapshotLimit = 1000;

    /// <summary>The default bound of the update buffer kept while syncing, 10 000 updates.</summary>
    public const int DefaultMaxBufferedUpdates = 10_000;

    /// <summary>The default number of snapshot fetches per sync, 10.</summary>
    public const int DefaultMaxSnapshotAttempts = 10;

    /// <summary>The default number of updates applied between two publications while updates queue up, 64.</summary>
    public const int DefaultMaxUpdatesPerPublish = 64;

    /// <summary>The default first retry delay, 250 ms.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>The default longest retry delay, 5 s.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The default timeout of one snapshot request, 10 s.</summary>
    public static readonly TimeSpan DefaultSnapshotTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The <c>limit</c> values <c>GET /api/v1/depth</c> accepts (spec §8.1).</summary>
    private static readonly int[] s_snapshotLimits = [5, 10, 20, 50, 100, 500, 1000];

    private DepthInterval _depthInterval = DepthInterval.RealTime;
    private int _snapshotLimit = DefaultSnapshotLimit;
    private int _maxBufferedUpdates = DefaultMaxBufferedUpdates;
    private int _maxSnapshotAttempts = DefaultMaxSnapshotAttempts;
    private int _maxUpdatesPerPublish = DefaultMaxUpdatesPerPublish;
    private TimeSpan _retryDelay = DefaultRetryDelay;
    private TimeSpan _maxRetryDelay = DefaultMaxRetryDelay;
    private TimeSpan _snapshotTimeout = DefaultSnapshotTimeout;

    /// <summary>Which depth stream feeds the book: real time or an aggregated variant.</summary>
    /// <value>Defaults to <see cref="DepthInterval.RealTime"/>.</value>
    public DepthInterval DepthInterval
    {
        get => _depthInterval;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(DepthInterval), value, "Unknown depth interval.");
            }

            _depthInterval = value;
        }
    }

    /// <summary>
    /// How many levels per side the REST snapshot asks for (<c>limit</c>). Levels beyond it are unknown until an update
    /// touches them, so a small limit gives a shallow book.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultSnapshotLimit"/>; one of 5, 10, 20, 50, 100, 500, 1000.</value>
    public int SnapshotLimit
    {
        get => _snapshotLimit;
        set
        {
            if (Array.IndexOf(s_snapshotLimits, value) < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(SnapshotLimit), value, "SnapshotLimit must be one of 5, 10, 20, 50, 100, 500, 1000.");
            }

            _snapshotLimit = value;
        }
    }

    /// <summary>
    /// The most updates buffered while waiting for a snapshot. When full, the oldest is dropped, which only means the next
    /// snapshot has to be a little newer.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxBufferedUpdates"/>; must be positive.</value>
    public int MaxBufferedUpdates
    {
        get => _maxBufferedUpdates;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxBufferedUpdates));
            _maxBufferedUpdates = value;
        }
    }

    /// <summary>
    /// How many snapshot fetches one sync may make (failed requests and snapshots too old to use both count). When the
    /// first sync runs out, <see cref="BackpackOrderBook.StartAsync"/> fails; a later resync logs an error and starts a new
    /// round on the next update.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxSnapshotAttempts"/>; at least 1.</value>
    public int MaxSnapshotAttempts
    {
        get => _maxSnapshotAttempts;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxSnapshotAttempts));
            _maxSnapshotAttempts = value;
        }
    }

    /// <summary>
    /// While updates queue up, how many are applied before readers see the book again. Readers always see whole updates;
    /// a larger value costs fewer copies of the book under load, a smaller one keeps readers closer to the stream.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultMaxUpdatesPerPublish"/>; must be positive. The book is always published when no update is waiting.</value>
    public int MaxUpdatesPerPublish
    {
        get => _maxUpdatesPerPublish;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxUpdatesPerPublish));
            _maxUpdatesPerPublish = value;
        }
    }

    /// <summary>The first delay before fetching a snapshot again or resubscribing; each retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to <see cref="DefaultRetryDelay"/> (250 ms); from zero to 1 minute.</value>
    public TimeSpan RetryDelay
    {
        get => _retryDelay;
        set => _retryDelay = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(RetryDelay));
    }

    /// <summary>The longest delay between retries. A server's <c>Retry-After</c> (HTTP 429) can ask for longer.</summary>
    /// <value>Defaults to <see cref="DefaultMaxRetryDelay"/> (5 s); from zero to 10 minutes.</value>
    public TimeSpan MaxRetryDelay
    {
        get => _maxRetryDelay;
        set => _maxRetryDelay = OptionRanges.Check(value, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(MaxRetryDelay));
    }

    /// <summary>The longest one snapshot request may take; measured on the client's <see cref="TimeProvider"/>.</summary>
    /// <value>Defaults to <see cref="DefaultSnapshotTimeout"/> (10 s); from 1 ms to 5 minutes.</value>
    public TimeSpan SnapshotTimeout
    {
        get => _snapshotTimeout;
        set => _snapshotTimeout = OptionRanges.Check(value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5), nameof(SnapshotTimeout));
    }

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>A new options object with the same values.</returns>
    public BackpackOrderBookOptions Clone() => (BackpackOrderBookOptions)MemberwiseClone();

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first): doubling from <see cref="RetryDelay"/>, capped.</summary>
    internal TimeSpan GetRetryDelay(int retry)
    {
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(_retryDelay.Ticks * factor, _maxRetryDelay.Ticks));
    }
}
