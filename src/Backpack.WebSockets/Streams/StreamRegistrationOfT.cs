namespace Backpack.WebSockets.Streams;

/// <summary>A <see cref="StreamRegistration"/> whose consumers receive <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class StreamRegistration<T> : StreamRegistration
{
    private readonly PayloadParser<T> _parser;
    private BackpackSubscription<T>[] _consumers = [];

    public StreamRegistration(string name, PayloadParser<T> parser)
        : base(name)
    {
        _parser = parser;
    }

    public override int ConsumerCount => Volatile.Read(ref _consumers).Length;

    public override Type ItemType => typeof(T);

    public override long BufferedCount
    {
        get
        {
            long total = 0;
            foreach (var consumer in Volatile.Read(ref _consumers))
            {
                total += consumer.BufferedCount;
            }

            return total;
        }
    }

    /// <summary>Adds a consumer. The caller holds the registry lock.</summary>
    public void Add(BackpackSubscription<T> consumer) => _consumers = [.. _consumers, consumer];

    /// <summary>Removes a consumer. The caller holds the registry lock.</summary>
    /// <returns><see langword="true"/> when it was attached.</returns>
    public bool Remove(BackpackSubscription<T> consumer)
    {
        var index = Array.IndexOf(_consumers, consumer);
        if (index < 0)
        {
            return false;
        }

        _consumers = [.. _consumers.AsSpan(0, index), .. _consumers.AsSpan(index + 1)];
        return true;
    }

    public override void Dispatch(ReadOnlySpan<byte> data)
    {
        var consumers = Volatile.Read(ref _consumers);
        if (consumers.Length == 0)
        {
            return;
        }

        // Parse once, whatever the number of consumers.
        var item = _parser(data);
        foreach (var consumer in consumers)
        {
            consumer.Deliver(item);
        }
    }

    public override void RecordParseFailure()
    {
        foreach (var consumer in Volatile.Read(ref _consumers))
        {
            consumer.RecordParseFailure();
        }
    }

    public override void MarkConnectionLost()
    {
        foreach (var consumer in Volatile.Read(ref _consumers))
        {
            consumer.DeliverConnectionLost();
        }
    }

    public override void CompleteAll(Exception? exception)
    {
        var consumers = Interlocked.Exchange(ref _consumers, []);
        foreach (var consumer in consumers)
        {
            consumer.Complete(exception);
        }
    }
}
