using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>
/// Many quiet streams: they go out in one frame per kind, are confirmed together after one error window, and an error
/// among them is narrowed down to its stream in at most 1 + ceil(log2 N) windows.
/// </summary>
public sealed class BatchedSubscribeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string InvalidStream = "{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}";

    [Fact]
    public async Task QuietStreams_120PublicAnd3Private_GoOutInTwoFrames_AndAreConfirmedAfterOneWindow()
    {
        await using var h = ClientHarness.WithCredentials(o => o.DedicatedPrivateConnection = true);
        var window = h.Options.SubscribeErrorWindow;
        var names = PublicNames(120).Concat(["account.orderUpdate", "account.positionUpdate", "account.balanceUpdate"]).ToArray();

        // An app subscribing at start-up: every subscribe is queued while the first handshake is under way.
        h.Connector.HoldConnects();
        var pending = names.Select(n => h.Client.SubscribeAsync(TestStreams.Raw(n))).ToArray();
        h.Connector.ReleaseConnects();
        var frames = await ReadFramesAsync(h, names.Length);

        Assert.Equal(2, frames.Count);
        Assert.Equal(120, Assert.Single(frames, f => !f.Signed).Streams.Count);
        Assert.Equal(3, Assert.Single(frames, f => f.Signed).Streams.Count);
        await h.Time.WaitForTimerAsync(window, alreadySeen: 1);
        Assert.DoesNotContain(pending, p => p.IsCompleted);
        h.Time.Advance(window);

        var subscriptions = await Task.WhenAll(pending).OrTimeout();
        Assert.Equal(names.Order(), h.Client.ActiveStreams.Order());
        await DisposeAllAsync(subscriptions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(119)]
    public async Task OneInvalidStreamAmong120_OnlyItFails_WithinOnePlusLog2NWindows(int badIndex)
    {
        await using var h = new ClientHarness();
        var window = h.Options.SubscribeErrorWindow;
        var names = PublicNames(120);
        names[badIndex] = "nope.BAD";
        h.Connector.HoldConnects();
        var pending = names.ToDictionary(n => n, n => h.Client.SubscribeAsync(TestStreams.Raw(n)));
        h.Connector.ReleaseConnects();
        var connection = await h.Connector.WaitForConnectionAsync(0).OrTimeout();

        // The fake exchange at its worst: a frame with the bad stream is rejected whole, with one error.
        var windows = 0;
        var framesSent = 0;
        var sentFrames = new List<string[]>();
        while (!pending["nope.BAD"].IsCompleted)
        {
            string[] frame;
            try
            {
                frame = Params(await connection.ReadSentAsync().OrTimeout());
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"No next SUBSCRIBE frame; frames so far (streams, * = with the bad one): {string.Join(" | ", sentFrames.Select(f => f.Length + (f.Contains("nope.BAD") ? "*" : "")))} ; silent windows {windows}; the log:{Environment.NewLine}{string.Join(Environment.NewLine, h.Logs.Entries.Select(e => e.Length > 300 ? e[..300] : e))}", ex);
            }

            framesSent++;
            sentFrames.Add(frame);
            if (frame.Contains("nope.BAD"))
            {
                connection.PushText(InvalidStream);
                await WaitUntilAsync(() => pending["nope.BAD"].IsCompleted || connection.HasUnreadSent);
                continue;
            }

            await h.Time.WaitForTimerAsync(window, alreadySeen: framesSent - 1);
            h.Time.Advance(window);
            windows++;
        }

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending["nope.BAD"].OrTimeout());
        Assert.Equal((BackpackStreamErrorCode.SubscriptionRejected, 4006, "nope.BAD"), (error.ErrorCode, error.ServerCode, error.StreamName));

        // The first window passed when the error came back at once; each later one clears half of the suspects.
        output.WriteLine($"bad stream at {badIndex}: rejected after {windows} silent window(s) and {framesSent} frame(s): {string.Join(" | ", sentFrames.Select(f => f.Length + (f.Contains("nope.BAD") ? "*" : "")))}");
        Assert.InRange(windows, 0, 1 + (int)Math.Ceiling(Math.Log2(names.Length)));

        // Every other stream is subscribed: sent again (normally) after the hunt and accepted by silence.
        while (pending.Where(p => p.Key != "nope.BAD").Any(p => !p.Value.IsCompleted))
        {
            if (connection.HasUnreadSent)
            {
                var frame = Params(await connection.ReadSentAsync().OrTimeout());
                Assert.DoesNotContain("nope.BAD", frame);
                framesSent++;
            }

            await h.Time.WaitForTimerAsync(window, alreadySeen: framesSent - 1);
            h.Time.Advance(window);
            await WaitUntilAsync(() => connection.HasUnreadSent || pending.Where(p => p.Key != "nope.BAD").All(p => p.Value.IsCompleted));
        }

        var good = await Task.WhenAll(pending.Where(p => p.Key != "nope.BAD").Select(p => p.Value)).OrTimeout();
        Assert.Equal(119, h.Client.ActiveStreams.Count);
        Assert.DoesNotContain("nope.BAD", h.Client.ActiveStreams);
        Assert.Equal(0, h.Client.UnattributedErrorCount);
        Assert.Equal(1, h.Logs.Entries.Count(e => e.Contains("[SubscriptionRejected]", StringComparison.Ordinal)));
        await DisposeAllAsync(good);
    }

    [Fact]
    public async Task DropWith123QuietStreams_ResubscribesInTwoFrames_ConfirmedAfterOneWindow_AndTheNextFrameIsDeliveredOnce()
    {
        await using var h = ClientHarness.WithCredentials();
        var window = h.Options.SubscribeErrorWindow;
        var names = PublicNames(120).Concat(["account.orderUpdate", "account.positionUpdate", "account.balanceUpdate"]).ToArray();
        h.Connector.HoldConnects();
        var pending = names.Select(n => h.Client.SubscribeAsync(TestStreams.Raw(n))).ToArray();
        h.Connector.ReleaseConnects();
        await ReadFramesAsync(h, names.Length);
        await h.Time.WaitForTimerAsync(window);
        h.Time.Advance(window);
        var subscriptions = await Task.WhenAll(pending).OrTimeout();

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var replacement = await h.Connector.WaitForConnectionAsync(1).OrTimeout();
        var frames = new List<(bool Signed, IReadOnlyList<string> Streams)>();
        while (frames.Sum(f => f.Streams.Count) < names.Length)
        {
            var root = JsonDocument.Parse(await replacement.ReadSentAsync().OrTimeout()).RootElement;
            frames.Add((root.TryGetProperty("signature", out _), [.. root.GetProperty("params").EnumerateArray().Select(p => p.GetString()!)]));
        }

        Assert.Equal(2, frames.Count);
        Assert.Equal(names.Order(), frames.SelectMany(f => f.Streams).Order());
        await h.Time.WaitForTimerAsync(window, alreadySeen: 1);
        h.Time.Advance(window);
        await h.WaitForEventAsync("Reconnected");
        Assert.Equal(names.Length, h.LastReconnected!.ResubscribedStreams.Count);

        foreach (var name in names)
        {
            replacement.PushText(TestStreams.Frame(name, "{\"o\":7}"));
        }

        foreach (var subscription in subscriptions)
        {
            Assert.Equal(["{\"o\":7}"], await SubscriptionReads.ReadAsync(subscription, 1));
            Assert.Equal(0, subscription.BufferedCount);
        }

        await DisposeAllAsync(subscriptions);
    }

    private static string[] PublicNames(int count) => [.. Enumerable.Range(0, count).Select(i => $"kline.1h.M{i:D3}_USDC")];

    /// <summary>Reads SUBSCRIBE frames from every connection until <paramref name="streams"/> streams were sent.</summary>
    private static async Task<List<(bool Signed, IReadOnlyList<string> Streams)>> ReadFramesAsync(ClientHarness h, int streams)
    {
        var frames = new List<(bool Signed, IReadOnlyList<string> Streams)>();
        while (frames.Sum(f => f.Streams.Count) < streams)
        {
            // Frames may come on any connection (the private one opens beside the public one): wait, bounded, for one.
            await WaitUntilAsync(() => h.Connector.Connections.Any(c => c.HasUnreadSent));
            foreach (var connection in h.Connector.Connections.Where(c => c.HasUnreadSent))
            {
                var root = JsonDocument.Parse(await connection.ReadSentAsync().OrTimeout()).RootElement;
                frames.Add((root.TryGetProperty("signature", out _), [.. root.GetProperty("params").EnumerateArray().Select(p => p.GetString()!)]));
            }
        }

        return frames;
    }

    private static async Task DisposeAllAsync(IEnumerable<BackpackSubscription<string>> subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));

    private static string[] Params(string request) =>
        [.. JsonDocument.Parse(request).RootElement.GetProperty("params").EnumerateArray().Select(p => p.GetString()!)];
}
