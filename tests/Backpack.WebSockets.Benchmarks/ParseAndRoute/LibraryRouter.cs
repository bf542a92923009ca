using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Unicode;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// The client's per-message path without the socket: <see cref="EnvelopeReader"/>, the registry lookup by the UTF-8 stream
/// name, the registration's parse-once dispatch and each consumer's bounded channel. It follows
/// <c>BackpackStreamClient.ProcessMessage</c> and <c>FindRegistration</c> step for step, with the library's own types.
/// </summary>
internal sealed class LibraryRouter : ISubscriptionOwner
{
    private readonly ConcurrentDictionary<string, StreamRegistration> _registry = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamRegistration>.AlternateLookup<ReadOnlySpan<char>> _registryByChars;
    private StreamRegistration? _lastRouted;
    private long _dropped;

    public LibraryRouter() => _registryByChars = _registry.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Items consumers dropped (market data whose consumer fell behind).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Registers <paramref name="stream"/> and attaches one consumer with a buffer of <paramref name="capacity"/>.</summary>
    public BackpackSubscription<T> Subscribe<T>(BackpackStream<T> stream, int capacity)
    {
        var registration = new StreamRegistration<T>(stream.Name, stream.Parser);
        _registry[stream.Name] = registration;
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

        var registration = Find(envelope.StreamName);
        if (registration is null)
        {
            return false;
        }

        registration.Dispatch(envelope.Data);
        return true;
    }

    // As BackpackStreamClient.FindRegistration: the last match first, then the dictionary.
    private StreamRegistration? Find(ReadOnlySpan<byte> utf8Name)
    {
        if (_lastRouted is { } last && last.IsRegisteredAs(utf8Name))
        {
            return last;
        }

        Span<char> chars = stackalloc char[EnvelopeReader.MaxStreamNameBytes];
        if (Utf8.ToUtf16(utf8Name, chars, out _, out var written) != OperationStatus.Done)
        {
            return null;
        }

        return _lastRouted = _registryByChars.TryGetValue(chars[..written], out var registration) ? registration : null;
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
