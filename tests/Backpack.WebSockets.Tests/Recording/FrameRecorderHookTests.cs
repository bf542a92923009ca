using System.Text;
using Backpack.WebSockets.Protocol.Payloads;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Tests.OrderBook;

namespace Backpack.WebSockets.Tests.Recording;

/// <summary>The client hands its recorder every message it reads and every depth snapshot a book uses.</summary>
public sealed class FrameRecorderHookTests
{
    [Fact]
    public async Task Recorder_SeesEveryFrame_AndTheSnapshotTheBookUsed()
    {
        var recorder = new CapturingRecorder();
        await using var h = new BookHarness(configureClient: o => o.FrameRecorder = recorder);

        await h.StartSyncedAsync();
        h.PushDiff(1002, 1002, [DepthJson.L("99.6", "1")], []);
        await h.WaitForAsync(s => s.LastUpdateId == 1002);

        Assert.Equal(2, recorder.Frames.Count(f => f.Text.Contains("\"depth.SOL_USDC\"", StringComparison.Ordinal)));
        Assert.All(recorder.Frames, f => Assert.Equal(1, f.ConnectionId));
        var (symbol, body) = Assert.Single(recorder.Snapshots);
        Assert.Equal("SOL_USDC", symbol);
        var reparsed = DepthSnapshotParser.Parse(body);
        Assert.Equal(1000, reparsed.LastUpdateId);
        Assert.Equal([(99m, 1m)], reparsed.Bids.Select(l => (l.Price, l.Quantity)));
        Assert.Equal([(101m, 3m)], reparsed.Asks.Select(l => (l.Price, l.Quantity)));
    }

    [Fact]
    public async Task RecorderThatThrows_IsLogged_AndTheFrameIsStillDelivered()
    {
        await using var h = new Fakes.ClientHarness(o => o.FrameRecorder = new ThrowingRecorder());

        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        Assert.Equal(["{\"id\":1}"], await SubscriptionReads.ReadAsync(trades, 1));
        Assert.Contains(h.Logs.Entries, e => e.Contains("[RecorderFailed]", StringComparison.Ordinal));
    }

    private sealed class CapturingRecorder : IBackpackFrameRecorder
    {
        private readonly List<(int ConnectionId, string Text)> _frames = [];
        private readonly List<(string Symbol, byte[] Body)> _snapshots = [];

        public IReadOnlyList<(int ConnectionId, string Text)> Frames
        {
            get
            {
                lock (_frames)
                {
                    return [.. _frames];
                }
            }
        }

        public IReadOnlyList<(string Symbol, byte[] Body)> Snapshots
        {
            get
            {
                lock (_snapshots)
                {
                    return [.. _snapshots];
                }
            }
        }

        public void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt)
        {
            lock (_frames)
            {
                _frames.Add((connectionId, Encoding.UTF8.GetString(utf8Frame)));
            }
        }

        public void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
        {
            lock (_snapshots)
            {
                _snapshots.Add((symbol, body.ToArray()));
            }
        }
    }

    private sealed class ThrowingRecorder : IBackpackFrameRecorder
    {
        public void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt) => throw new InvalidOperationException("disk full");

        public void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt) => throw new InvalidOperationException("disk full");
    }
}
