using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backpack.WebSockets.Benchmarks.Frames;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// The latency runs' frames: the recorded trade frame for one of up to ten symbols of equal length, whose trade id
/// (<c>"t"</c>) carries the sender's <see cref="Stopwatch.GetTimestamp"/> at the moment the frame was written, plus
/// <see cref="StampOffset"/> so that it always has <see cref="StampDigits"/> digits and the frames keep one length.
/// <see cref="Stopwatch"/> reads the system's monotonic clock (CLOCK_MONOTONIC on Linux), which is the same in the sender's
/// process and the receiver's, so a receiver subtracts the stamp from its own clock to get the one-way latency.
/// </summary>
internal static class LatencyFrames
{
    /// <summary>Added to the timestamp so that the stamp has a fixed number of digits (no leading zeros in JSON).</summary>
    public const long StampOffset = 100_000_000_000_000_000;

    /// <summary>The stamp's width on the wire.</summary>
    public const int StampDigits = 18;

    /// <summary>The stamp's marker in the frame text.</summary>
    public static ReadOnlySpan<byte> StampMarker => "\"t\":"u8;

    /// <summary>The trade stream of symbol <paramref name="index"/> (0..9); every name has the same length.</summary>
    public static string StreamName(int index) => "trade." + Symbol(index);

    /// <summary>The SUBSCRIBE the baselines send for <paramref name="streams"/> streams (the library sends its own).</summary>
    public static ReadOnlyMemory<byte> SubscribeMessage(int streams) => Encoding.UTF8.GetBytes(
        "{\"method\":\"SUBSCRIBE\",\"params\":[" + string.Join(",", Enumerable.Range(0, streams).Select(i => "\"" + StreamName(i) + "\"")) + "]}");

    /// <summary>
    /// One server text frame (header and payload) per stream, with a zero stamp, and the offset of the stamp's first digit
    /// in each (the same for all).
    /// </summary>
    public static (byte[][] Frames, int StampAt) EncodeTemplates(int streams)
    {
        var frames = new byte[streams][];
        var stampAt = -1;
        for (var i = 0; i < streams; i++)
        {
            var text = RecordedFrames.TradeText
                .Replace("\"t\":99419870", "\"t\":" + StampOffset.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("BTC_USDC_PERP", Symbol(i), StringComparison.Ordinal);
            var payload = Encoding.UTF8.GetBytes(text);
            var frame = new byte[4 + payload.Length];
            frame[0] = 0x81; // FIN + text
            frame[1] = 126; // 16-bit length follows
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
            payload.CopyTo(frame.AsSpan(4));
            var at = frame.AsSpan().IndexOf(StampMarker) + StampMarker.Length;
            if (i > 0 && (at != stampAt || frame.Length != frames[0].Length))
            {
                throw new InvalidOperationException("The latency frames must all have the same length and stamp offset.");
            }

            stampAt = at;
            frames[i] = frame;
        }

        return (frames, stampAt);
    }

    /// <summary>Writes <paramref name="timestamp"/> as the stamp at <paramref name="destination"/>.</summary>
    public static void WriteStamp(Span<byte> destination, long timestamp)
    {
        if (!Utf8Formatter.TryFormat(StampOffset + timestamp, destination[..StampDigits], out var written) || written != StampDigits)
        {
            throw new InvalidOperationException("The stamp does not fit.");
        }
    }

    /// <summary>The send timestamp carried by a trade id.</summary>
    public static long TimestampOf(long tradeId) => tradeId - StampOffset;

    /// <summary>The send timestamp in a raw frame payload (the baseline's inline read: find the marker, parse the digits).</summary>
    public static long TimestampOf(ReadOnlySpan<byte> payload)
    {
        var at = payload.IndexOf(StampMarker);
        return at >= 0 && Utf8Parser.TryParse(payload.Slice(at + StampMarker.Length, StampDigits), out long stamp, out _)
            ? stamp - StampOffset
            : throw new InvalidDataException("A latency frame without its stamp.");
    }

    /// <summary>Nanoseconds from <paramref name="sentTimestamp"/> to now, on the <see cref="Stopwatch"/> clock.</summary>
    public static long NanosecondsSince(long sentTimestamp)
    {
        var ticks = Stopwatch.GetTimestamp() - sentTimestamp;
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }

    private static string Symbol(int index) => index is >= 0 and <= 9
        ? "SYM" + index.ToString(CultureInfo.InvariantCulture) + "_USDC_PERP"
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Up to ten streams.");
}
