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

    private readonly byte[] _utf8Name;

    protected StreamRegistration(string name)
    {
        Name = name;
        IsPrivate = StreamNames.IsPrivate(name);
        _utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
    }

    public string Name { get; }

    public bool IsPrivate { get; }

    /// <summary>Completes when the server accepted the SUBSCRIBE; faults when it rejected it or the connection failed.</summary>
    public Task Confirmation => _confirmation.Task;

    /// <summary>Set by the request pump once a SUBSCRIBE went out, so the matching UNSUBSCRIBE is not skipped.</summary>
    public bool SubscribeSent { get; set; }

    /// <summary>Set under the registry lock once the registration left the registry; it never returns.</summary>
    public bool IsRemoved { get; set; }

    public abstract int ConsumerCount { get; }

    /// <summary>The item type of this registration's consumers, to reject a second descriptor of another type.</summary>
    public abstract Type ItemType { get; }

    /// <summary>
    /// Whether this registration is still in the registry under the UTF-8 stream name <paramref name="utf8Name"/>: lets
    /// the receive loop re-use its last match without transcoding the name for a dictionary lookup.
    /// </summary>
    public bool IsRegisteredAs(ReadOnlySpan<byte> utf8Name) => !IsRemoved && utf8Name.SequenceEqual(_utf8Name);

    public void Confirm() => _confirmation.TrySetResult();

    /// <summary>Fails a pending confirmation; returns <see langword="false"/> when it had already completed.</summary>
    public bool TryReject(Exception exception) => _confirmation.TrySetException(exception);

    /// <summary>Parses one <c>data</c> payload and delivers it to every consumer. Called by the receive loop only.</summary>
    /// <exception cref="Protocol.PayloadFormatException">The payload is malformed.</exception>
    public abstract void Dispatch(ReadOnlySpan<byte> data);

    /// <summary>Ends every consumer: with <paramref name="exception"/>, or normally when it is <see langword="null"/>.</summary>
    public abstract void CompleteAll(Exception? exception);
}
