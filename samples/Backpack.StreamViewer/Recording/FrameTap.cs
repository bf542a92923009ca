using Backpack.WebSockets.Recording;

namespace Backpack.StreamViewer;

/// <summary>Counts the frames received (for messages per second) and hands frames and snapshots on to a recorder, if any.</summary>
internal sealed class FrameTap(IBackpackFrameRecorder? recorder) : IBackpackFrameRecorder
{
    private long _frames;

    /// <summary>Frames received since the start, over every connection.</summary>
    public long FrameCount => Interlocked.Read(ref _frames);

    public void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _frames);
        recorder?.OnFrame(connectionId, utf8Frame, receivedAt);
    }

    public void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt) =>
        recorder?.OnDepthSnapshot(symbol, body, receivedAt);
}
