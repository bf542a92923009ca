using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// The client's per-message path without the socket: <see cref="EnvelopeReader"/>, the registry lookup by the UTF-8 stream
/// name, the registration's parse-once dispatch and each consumer's bounded channel. It follows
/// <c>StreamConnection.ProcessMessage</c> step for step, with the library's own types (the same <see cref="StreamTable"/>).
/// </summary>
internal sealed class LibraryRouter : ISubscriptionOwner
{
    private readonly StreamTable _streams = new();
    private long _dropped;

    /// <summary>Items consumers dropped (market data whose consumer fell behind).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Registers <paramref name="stream"/> and attaches one consumer with a buffer of <paramref name="capacity"/>.</summary>
    public BackpackSubscription<T> Subscribe<T>(BackpackStream<T> stream, int capacity)
    {
        var registration = new StreamRegistration<T>(stream.Name, stream.Parser);
        _streams.TryAdd(registration);
        var consumer = new BackpackSubscription<T>(registration, this, capacity);
        registration.Add(consumer);
        return consumer;
    }

    /// <summary>Routes one frame; returns <see langword="false"/> when no registration matched.</summary>
    public bool Route(ReadOnlySpan<byte> frame)
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        var envelope = EnvelopeReader.Read(frame, nameBuffer);
        if (envelope.Kind != EnvelopeKind.Data)
        {
            return false;
        }

        var registration = _streams.Find(envelope.StreamName);
        if (registration is null)
        {
            return false;
        }

        registration.Dispatch(envelope.Data);
        return true;
    }

    Task ISubscriptionOwner.ReleaseAsync<T>(StreamRegistration<T> registration, BackpackSubscription<T> consumer)
    {
        registration.Remove(consumer);
        return Task.CompletedTask;
    }

    void ISubscriptionOwner.OnItemsDropped(string streamName, long totalDropped) => Interlocked.Increment(ref _dropped);

    void ISubscriptionOwner.OnSlowConsumer(string streamName, int capacity) =>
        throw new InvalidOperationException($"The benchmark consumer of '{streamName}' fell {capacity} items behind.");
}
