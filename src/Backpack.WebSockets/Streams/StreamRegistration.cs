namespace Backpack.WebSockets.Streams;

/// <summary>
/// The server-side subscription of one stream name, shared by all of its consumers (ref-counted). The receive loop parses
/// each frame once and hands the item to every consumer.
/// </summary>
/// <remarks>
/// Consumers are added and removed under the client's registry lock; the receive loop reads the consumer array without a
/// lock (copy on write).
/// </remarks>
internal abstract class StreamRegistration
{
    private readonly TaskCompletionSource _confirmation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The answer to the SUBSCRIBE last sent (one per connection); the request pump waits on it.</summary>
    private TaskCompletionSource _attempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected StreamRegistration(string name)
    {
        Name = name;
        IsPrivate = StreamNames.IsPrivate(name);
        StreamType = StreamNames.StreamTypeOf(name);
    }

    public string Name { get; }

    /// <summary>The stream type (<c>trade</c>, <c>depth</c>, …), computed once for metric tags.</summary>
    public string StreamType { get; }

    public bool IsPrivate { get; }

    /// <summary>Completes when the server accepted the SUBSCRIBE; faults when it rejected it or the connection failed.</summary>
    public Task Confirmation => _confirmation.Task;

    /// <summary>Set by the request pump once a SUBSCRIBE went out, so the matching UNSUBSCRIBE is not skipped.</summary>
    public bool SubscribeSent { get; set; }

    /// <summary>Set under the registry lock once the registration left the registry; it never returns.</summary>
    public bool IsRemoved { get; set; }

    public abstract int ConsumerCount { get; }

    /// <summary>How many items the consumers hold unread, summed; read by the queue-depth metric.</summary>
    public abstract long BufferedCount { get; }

    /// <summary>The item type of this registration's consumers, to reject a second descriptor of another type.</summary>
    public abstract Type ItemType { get; }

    /// <summary>
    /// Starts waiting for the answer to a new SUBSCRIBE (the first one, or a resubscribe after a reconnect, when
    /// <see cref="Confirmation"/> has long completed). Called by the request pump just before it sends.
    /// </summary>
    /// <returns>A task that completes when this SUBSCRIBE was confirmed or rejected.</returns>
    public Task BeginAttempt()
    {
        var attempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _attempt, attempt);
        return attempt.Task;
    }

    public void Confirm()
    {
        _confirmation.TrySetResult();
        Volatile.Read(ref _attempt).TrySetResult();
    }

    /// <summary>Fails a pending confirmation (and ends the wait for the SUBSCRIBE in flight); returns <see langword="false"/> when it had already completed.</summary>
    public bool TryReject(Exception exception)
    {
        // Fail the confirmation before waking the request pump: once awake, the pump confirms whatever is still pending.
        var rejected = _confirmation.TrySetException(exception);
        Volatile.Read(ref _attempt).TrySetResult();
        return rejected;
    }

    /// <summary>Parses one <c>data</c> payload and delivers it to every consumer. Called by the receive loop only.</summary>
    /// <exception cref="Protocol.PayloadFormatException">The payload is malformed.</exception>
    public abstract void Dispatch(ReadOnlySpan<byte> data);

    /// <summary>Ends every consumer: with <paramref name="exception"/>, or normally when it is <see langword="null"/>.</summary>
    public abstract void CompleteAll(Exception? exception);
}
