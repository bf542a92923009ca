using System.Collections.Concurrent;
using System.Text.Unicode;

namespace Backpack.WebSockets.Streams;

/// <summary>
/// The streams one connection carries, by name: written under the owner's lock, read lock-free by the receive loop, which
/// looks a frame's UTF-8 stream name up without allocating.
/// </summary>
internal sealed class StreamTable
{
    private readonly ConcurrentDictionary<string, StreamRegistration> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamRegistration>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    /// <summary>The registration routed to last; frames of one stream come in runs. Touched by the receive loop only.</summary>
    private StreamRegistration? _lastRouted;

    public StreamTable()
    {
        _byChars = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _byName.Count;

    public bool IsEmpty => _byName.IsEmpty;

    public IEnumerable<StreamRegistration> Registrations => _byName.Values;

    public IReadOnlyList<string> Names => [.. _byName.Keys];

    public bool Contains(string name) => _byName.ContainsKey(name);

    public bool TryAdd(StreamRegistration registration) => _byName.TryAdd(registration.Name, registration);

    /// <summary>Removes <paramref name="registration"/> if it is still the one registered under its name.</summary>
    public bool Remove(StreamRegistration registration) =>
        _byName.TryRemove(new KeyValuePair<string, StreamRegistration>(registration.Name, registration));

    /// <summary>Removes and returns every registration.</summary>
    public StreamRegistration[] TakeAll()
    {
        var all = _byName.Values.ToArray();
        foreach (var registration in all)
        {
            Remove(registration);
        }

        return all;
    }

    /// <summary>Finds the registration of a frame's UTF-8 stream name; <see langword="null"/> when the stream is not here.</summary>
    public StreamRegistration? Find(ReadOnlySpan<byte> utf8Name)
    {
        if (_lastRouted is { IsRemoved: false } last && last.HasName(utf8Name))
        {
            return last;
        }

        // Names are validated ASCII of at most StreamNames.MaxNameLength characters: a longer frame name is no stream of ours.
        if (utf8Name.Length > StreamNames.MaxNameLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[StreamNames.MaxNameLength];
        if (Utf8.ToUtf16(utf8Name, chars, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        return _lastRouted = _byChars.TryGetValue(chars[..written], out var registration) ? registration : null;
    }
}
