using System.IO.Compression;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Testing;

namespace Backpack.StreamViewer.Tests;

/// <summary>Small recordings written with the real recorder, in memory.</summary>
internal static class Recordings
{
    /// <summary>The bytes of a finished recording of what <paramref name="record"/> hands the recorder.</summary>
    public static byte[] Write(Action<BackpackSessionRecorder> record)
    {
        using var stream = new MemoryStream();
        using (var recorder = new BackpackSessionRecorder(stream, leaveOpen: true))
        {
            record(recorder);
        }

        return stream.ToArray();
    }

    /// <summary>A finished recording of three frames around one depth snapshot: seven lines with the header and the end.</summary>
    public static byte[] Sample() => Write(recorder =>
    {
        recorder.OnFrame(1, "{\"data\":{\"e\":\"trade\"},\"stream\":\"trade.SOL_USDC\"}"u8, Frames.Now);
        recorder.OnFrame(1, "{\"data\":{\"e\":\"depth\"},\"stream\":\"depth.SOL_USDC\"}"u8, Frames.Now.AddMilliseconds(10));
        recorder.OnDepthSnapshot("SOL_USDC", "{\"asks\":[[\"150.01\",\"2\"]],\"bids\":[[\"149.99\",\"1\"]],\"lastUpdateId\":\"7\"}"u8, Frames.Now.AddMilliseconds(20));
        recorder.OnFrame(2, "{\"id\":null,\"error\":{\"code\":4005}}"u8, Frames.Now.AddMilliseconds(30));
        recorder.OnFrame(2, "not json at all"u8, Frames.Now.AddMilliseconds(40));
    });

    public static SessionRecording Read(byte[] bytes, bool allowIncomplete = false)
    {
        using var stream = new MemoryStream(bytes);
        return SessionRecording.Read(stream, allowIncomplete);
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
