using System.Buffers.Binary;
using System.IO.Compression;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>
/// Server text frames encoded once, back to back, so the sender writes a whole block per call: plain, or compressed
/// (permessage-deflate, RFC 7692) the way a server with context takeover compresses a sequence of messages.
/// </summary>
internal sealed class FrameBlock
{
    /// <summary>The RFC 7692 §7.2.1 tail of a sync flush, which the sender removes and the receiver puts back.</summary>
    private static readonly byte[] s_syncFlushTail = [0x00, 0x00, 0xFF, 0xFF];

    private readonly byte[] _bytes;
    private readonly int[] _ends;

    private FrameBlock(byte[] bytes, int[] ends)
    {
        _bytes = bytes;
        _ends = ends;
    }

    /// <summary>How many frames the block holds.</summary>
    public int Count => _ends.Length;

    /// <summary>The bytes of the first <paramref name="frames"/> frames.</summary>
    public ReadOnlyMemory<byte> Take(int frames) => _bytes.AsMemory(0, _ends[frames - 1]);

    /// <summary>Each payload as one unmasked text frame.</summary>
    public static FrameBlock Plain(byte[][] payloads) => Encode(payloads, compressed: false);

    /// <summary>
    /// Each payload deflated by one compressor (context takeover: later messages refer back to earlier ones), sync-flushed
    /// and sent with RSV1 set. The first message starts from an empty history, so the block can be sent again and again to
    /// an inflater that keeps its context: no back-reference reaches before the block.
    /// </summary>
    public static FrameBlock Deflated(byte[][] payloads)
    {
        using var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true);
        var compressed = new byte[payloads.Length][];
        for (var i = 0; i < payloads.Length; i++)
        {
            var start = output.Length;
            deflate.Write(payloads[i]);
            deflate.Flush();
            var message = output.GetBuffer().AsSpan((int)start, (int)(output.Length - start));
            if (!message.EndsWith(s_syncFlushTail))
            {
                throw new InvalidOperationException("DeflateStream.Flush did not end with a sync flush; the frames would not inflate.");
            }

            compressed[i] = message[..^s_syncFlushTail.Length].ToArray();
        }

        return Encode(compressed, compressed: true);
    }

    private static FrameBlock Encode(byte[][] payloads, bool compressed)
    {
        var ends = new int[payloads.Length];
        var total = 0;
        for (var i = 0; i < payloads.Length; i++)
        {
            total += HeaderLength(payloads[i].Length) + payloads[i].Length;
            ends[i] = total;
        }

        var bytes = new byte[total];
        var offset = 0;
        foreach (var payload in payloads)
        {
            var span = bytes.AsSpan(offset);
            span[0] = (byte)(compressed ? 0xC1 : 0x81); // FIN (+ RSV1 when compressed) + text
            var header = HeaderLength(payload.Length);
            if (header == 2)
            {
                span[1] = (byte)payload.Length;
            }
            else
            {
                span[1] = 126; // 16-bit length follows
                BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)payload.Length);
            }

            payload.CopyTo(span[header..]);
            offset += header + payload.Length;
        }

        return new FrameBlock(bytes, ends);
    }

    private static int HeaderLength(int payloadLength) => payloadLength switch
    {
        < 126 => 2,
        <= ushort.MaxValue => 4,
        _ => throw new InvalidOperationException("The sender's frames are at most 65535 bytes."),
    };
}
