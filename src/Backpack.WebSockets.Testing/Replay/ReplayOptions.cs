namespace Backpack.WebSockets.Testing;

/// <summary>How <see cref="BackpackTestServer.ReplayAsync"/> plays a <see cref="SessionRecording"/>.</summary>
public sealed class ReplayOptions
{
    /// <summary>The default longest wait for the client to fetch a recorded depth snapshot, 10 seconds.</summary>
    public static readonly TimeSpan DefaultSnapshotWaitTimeout = TimeSpan.FromSeconds(10);

    private double _speed = 1;
    private TimeSpan _snapshotWaitTimeout = DefaultSnapshotWaitTimeout;

    /// <summary>
    /// How much faster than recorded the frames are sent: 1 keeps the recorded gaps, 10 divides them by ten,
    /// <see cref="double.PositiveInfinity"/> sends as fast as the client reads.
    /// </summary>
    /// <value>Defaults to 1; must be positive.</value>
    public double Speed
    {
        get => _speed;
        set
        {
            if (double.IsNaN(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The replay speed must be positive (PositiveInfinity for as fast as possible).");
            }

            _speed = value;
        }
    }

    /// <summary>
    /// The streams that must have a subscriber before the first frame is sent, so that the client misses nothing of them.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: every stream the recording has frames of.</value>
    public IReadOnlyCollection<string>? WaitForStreams { get; set; }

    /// <summary>
    /// How long the replay waits, at a recorded depth snapshot, for the client to have fetched it before it sends the
    /// frames recorded after it. Past it the replay goes on (a client without an order book never fetches).
    /// </summary>
    /// <value>Defaults to <see cref="DefaultSnapshotWaitTimeout"/>; from zero to 10 minutes.</value>
    public TimeSpan SnapshotWaitTimeout
    {
        get => _snapshotWaitTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromMinutes(10));
            _snapshotWaitTimeout = value;
        }
    }

    /// <summary>
    /// Whether frames without a <c>stream</c> (error answers, malformed text) are sent to every connection as they are.
    /// Off by default: an error frame recorded as the answer to a SUBSCRIBE would fail the replaying client's request.
    /// </summary>
    public bool SendFramesWithoutStream { get; set; }
}
