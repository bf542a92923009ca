namespace Backpack.WebSockets.Streams;

/// <summary>
/// The server-side subscription of one stream name, shared by all of its consumers (ref-counted). The receive loop parses
/// each frame once and hands the item to every consumer.
/// </summary>
/// <remarks>
/// Consumers are added and removed under the client's registry lock; the receive loop reads the consumer array without a
/// lock (copy on write). Whether the server accepted the stream is decided by the subscribe-request queue of the
/// connection that carries it, and by nothing else: the registration only holds the outcome.
/// </remarks>
internal abstract class StreamRegistration
{
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The stream name in UTF-8, to compare with a frame's name without transcoding.</summary>
    private readonly byte[] _utf8Name;

    private int _subscribeSent;
    private int _isSilent;

    /// <summary>Frames dispatched so far; written by the receive loop only.</summary>
    private long _framesReceived;
    private int _awaitingAnswer;
    private int _isRemoved;

    protected StreamRegistration(string name)
    {
        Name = name;
        IsPrivate = StreamNames.IsPrivate(name);
        StreamType = StreamNames.StreamTypeOf(name);
        _utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    /// <summary>The stream name in UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8Name => _utf8Name;

    /// <summary>The stream type (<c>trade</c>, <c>depth</c>, …), computed once for metric tags.</summary>
    public string StreamType { get; }

    public bool IsPrivate { get; }

    /// <summary>
    /// Completes when the server accepted the first SUBSCRIBE; faults when it rejected it, the connection gave up, or every
    /// consumer left first. Later resubscribes after a reconnect do not change it.
    /// </summary>
    public Task Accepted => _accepted.Task;

    /// <summary>
    /// Whether the server may hold a subscription that an UNSUBSCRIBE must undo: set just before a SUBSCRIBE goes out (an
    /// error frame may arrive before the send returns), cleared when the server rejected it or the socket died.
    /// </summary>
    public bool SubscribeSent
    {
        get => Volatile.Read(ref _subscribeSent) != 0;
        set => Volatile.Write(ref _subscribeSent, value ? 1 : 0);
    }

    /// <summary>
    /// Set while a SUBSCRIBE of this stream waits for its answer, so the receive loop tells the queue about the first frame
    /// only (one volatile read per frame otherwise).
    /// </summary>
    public bool AwaitingAnswer
    {
        get => Volatile.Read(ref _awaitingAnswer) != 0;
        set => Volatile.Write(ref _awaitingAnswer, value ? 1 : 0);
    }

    /// <summary>Set under the registry lock once the registration left the registry; it never returns.</summary>
    public bool IsRemoved
    {
        get => Volatile.Read(ref _isRemoved) != 0;
        set => Volatile.Write(ref _isRemoved, value ? 1 : 0);
    }

    /// <summary>How many frames of this stream arrived (parsed or not).</summary>
    public long FramesReceived => Volatile.Read(ref _framesReceived);

    /// <summary>Set when the stream delivered nothing within the silent-stream timeout after it was accepted; cleared by its first frame.</summary>
    public bool IsSilent
    {
        get => Volatile.Read(ref _isSilent) != 0;
        set => Volatile.Write(ref _isSilent, value ? 1 : 0);
    }

    /// <summary>Counts a frame of this stream. Called by the receive loop only, before <see cref="Dispatch"/>.</summary>
    public void OnFrame()
    {
        Volatile.Write(ref _framesReceived, _framesReceived + 1);
        if (Volatile.Read(ref _isSilent) != 0)
        {
            IsSilent = false;
        }
    }

    public abstract int ConsumerCount { get; }

    /// <summary>How many items the consumers hold unread, summed; read by the queue-depth metric.</summary>
    public abstract long BufferedCount { get; }

    /// <summary>The item type of this registration's consumers, to reject a second descriptor of another type.</summary>
    public abstract Type ItemType { get; }

    /// <summary>Whether this registration carries the stream whose UTF-8 name is <paramref name="utf8Name"/>.</summary>
    public bool HasName(ReadOnlySpan<byte> utf8Name) => utf8Name.SequenceEqual(_utf8Name);

    /// <summary>Records that the server accepted the stream. Called by the subscribe-request queue only.</summary>
    /// <returns><see langword="true"/> for the first acceptance.</returns>
    public bool TryAccept() => _accepted.TrySetResult();

    /// <summary>Fails a pending acceptance; <see langword="false"/> when the stream was accepted (or failed) already.</summary>
    public bool TryFail(Exception exception)
    {
        var failed = _accepted.TrySetException(exception);
        if (failed)
        {
            // Nobody may be waiting any more; the fault must not surface as an unobserved task exception.
            _ = _accepted.Task.Exception;
        }

        return failed;
    }

    /// <summary>Parses one <c>data</c> payload and delivers it to every consumer. Called by the receive loop only.</summary>
    /// <exception cref="Protocol.PayloadFormatException">The payload is malformed.</exception>
    public abstract void Dispatch(ReadOnlySpan<byte> data);

    /// <summary>Counts a frame of this stream that could not be parsed on every consumer.</summary>
    public abstract void RecordParseFailure();

    /// <summary>
    /// Tells every consumer, in band, that the connection carrying the stream was lost: the items before the marker came
    /// from the old connection, the items after it from the next one.
    /// </summary>
    public abstract void MarkConnectionLost();

    /// <summary>Ends every consumer: with <paramref name="exception"/>, or normally when it is <see langword="null"/>.</summary>
    public abstract void CompleteAll(Exception? exception);
}
