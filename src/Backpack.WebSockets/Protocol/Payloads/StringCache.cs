using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// A process-wide, thread-safe, bounded intern pool for short strings that repeat in every message (symbols, assets), so
/// that parsing them does not allocate a new string per message.
/// </summary>
internal static class StringCache
{
    /// <summary>How many distinct strings are kept; past this, new strings are allocated and not kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>The longest string, in UTF-8 bytes, worth caching; longer ones are allocated.</summary>
    public const int MaxLength = 64;

    /// <summary>Slots of the per-thread table of recently returned strings (a power of two).</summary>
    private const int RecentSlots = 16;

    /// <summary>The cached strings, each its own key and value.</summary>
    private static readonly ConcurrentDictionary<string, string> s_entries = new(StringComparer.Ordinal);

    /// <summary>Looks entries up by <see cref="ReadOnlySpan{T}"/> without creating a string first.</summary>
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Entries added; kept apart because <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock.</summary>
    private static int s_count;

    /// <summary>
    /// Recently returned strings, matched against the UTF-8 bytes directly. Transcoding plus a dictionary lookup cost more
    /// than a whole field otherwise, and a stream repeats the same few symbols.
    /// </summary>
    [ThreadStatic]
    private static string?[]? t_recent;

    /// <summary>
    /// Returns a string equal to the UTF-8 text <paramref name="utf8"/>, the same instance each time while the pool has room;
    /// <see langword="null"/> if the text is not valid UTF-8.
    /// </summary>
    public static string? Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        var recent = t_recent ??= new string?[RecentSlots];
        var slot = ((utf8.Length * 31) + (utf8[0] * 7) + utf8[^1]) & (RecentSlots - 1);
        var candidate = recent[slot];
        if (candidate is not null && Ascii.Equals(utf8, candidate))
        {
            return candidate;
        }

        if (utf8.Length > MaxLength)
        {
            return Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;
        }

        Span<char> chars = stackalloc char[MaxLength];
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            return null;
        }

        var value = Get(chars[..written]);
        recent[slot] = value;
        return value;
    }

    /// <summary>Returns a string equal to <paramref name="value"/>, the same instance each time while the pool has room.</summary>
    public static string Get(ReadOnlySpan<char> value)
    {
        if (s_lookup.TryGetValue(value, out var cached))
        {
            return cached;
        }

        var created = value.ToString();
        if (value.Length > MaxLength || Volatile.Read(ref s_count) >= MaxEntries)
        {
            return created;
        }

        if (s_entries.TryAdd(created, created))
        {
            // Racing adders can overshoot MaxEntries by at most the number of threads; that bound is enough.
            Interlocked.Increment(ref s_count);
            return created;
        }

        return s_entries.TryGetValue(created, out cached) ? cached : created;
    }
}
