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

    /// <summary>The server's answer to the SUBSCRIBE last sent (one per connection): a frame, an error frame, or the window's end.</summary>
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the request pump's wait for that SUBSCRIBE: on its answer, or earlier when every consumer left.</summary>
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The stream name in UTF-8, to compare with a frame's name without transcoding.</summary>
    private readonly byte[] _utf8Name;

    private bool _subscribeSent;

    protected StreamRegistration(string name)
    {
        Name = name;
        IsPrivate = StreamNames.IsPrivate(name);
        StreamType = StreamNames.StreamTypeOf(name);
        _utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    /// <summary>The stream type (<c>trade</c>, <c>depth</c>, …), computed once for metric tags.</summary>
    public string StreamType { get; }

    public bool IsPrivate { get; }

    /// <summary>Completes when the server accepted the SUBSCRIBE; faults when it rejected it or the connection failed.</summary>
    public Task Confirmation => _confirmation.Task;

    /// <summary>
    /// Set by the request pump just before a SUBSCRIBE goes out (so an error frame that arrives before the send returned
    /// can clear it), so the matching UNSUBSCRIBE is not skipped; cleared when the server rejected the SUBSCRIBE.
    /// </summary>
    public bool SubscribeSent
    {
        get => Volatile.Read(ref _subscribeSent);
        set => Volatile.Write(ref _subscribeSent, value);
    }

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
    /// <param name="answered">Completes when the server answered this SUBSCRIBE (or the connection failed), not on a release.</param>
    /// <returns>A task that completes when this SUBSCRIBE was answered, or released by its last consumer.</returns>
    public Task BeginAttempt(out Task answered)
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _answered, answer);
        Volatile.Write(ref _settled, settled);
        answered = answer.Task;
        return settled.Task;
    }

    /// <summary>
    /// Whether this registration is still in the registry under the UTF-8 stream name <paramref name="utf8Name"/>: lets
    /// the receive loop re-use its last match without transcoding the name for a dictionary lookup.
    /// </summary>
    public bool IsRegisteredAs(ReadOnlySpan<byte> utf8Name) => !IsRemoved && utf8Name.SequenceEqual(_utf8Name);

    /// <summary>Marks the SUBSCRIBE accepted (its first frame arrived, or its error window passed in silence).</summary>
    public void Confirm()
    {
        _confirmation.TrySetResult();
        EndAttempt(answered: true);
    }

    /// <summary>
    /// Fails a pending confirmation because the server rejected the SUBSCRIBE or the connection failed, and ends the wait for
    /// the SUBSCRIBE in flight; returns <see langword="false"/> when the confirmation had already completed.
    /// </summary>
    public bool TryReject(Exception exception)
    {
        // Fail the confirmation before waking the request pump: once awake, the pump confirms whatever is still pending.
        var rejected = _confirmation.TrySetException(exception);
        EndAttempt(answered: true);
        return rejected;
    }

    /// <summary>
    /// Fails a pending confirmation because every consumer left (or the stream was unsubscribed) before the server
    /// answered. The request pump stops waiting, but the SUBSCRIBE stays unanswered: the server may still reject it.
    /// </summary>
    public void Release(Exception exception)
    {
        _confirmation.TrySetException(exception);
        EndAttempt(answered: false);
    }

    private void EndAttempt(bool answered)
    {
        if (answered)
        {
            Volatile.Read(ref _answered).TrySetResult();
        }

        Volatile.Read(ref _settled).TrySetResult();
    }

    /// <summary>Parses one <c>data</c> payload and delivers it to every consumer. Called by the receive loop only.</summary>
    /// <exception cref="Protocol.PayloadFormatException">The payload is malformed.</exception>
    public abstract void Dispatch(ReadOnlySpan<byte> data);

    /// <summary>Ends every consumer: with <paramref name="exception"/>, or normally when it is <see langword="null"/>.</summary>
    public abstract void CompleteAll(Exception? exception);
}
