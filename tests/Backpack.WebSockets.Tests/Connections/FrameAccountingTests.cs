using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>Every frame is accounted for: parse failures on their subscription, frames nobody subscribed to on their connection.</summary>
public sealed class FrameAccountingTests
{
    [Fact]
    public async Task MalformedPayloads_CountOnTheirSubscription_AndLogRateLimitedWithTheStreamTheEventAndTheFrameStart()
    {
        await using var h = new ClientHarness();
        var stream = new BackpackStream<int>("trade.SOL_USDC", static data => data.Length < 30 ? data.Length : throw new Backpack.WebSockets.Protocol.PayloadFormatException("too long"));
        var pending = h.Client.SubscribeAsync(stream);
        await h.ReadRequestAsync();
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{}"));
        await using var subscription = await pending.OrTimeout();

        for (var i = 0; i < 12; i++)
        {
            h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"e\":\"trade\",\"padding\":\"" + new string('x', 300) + "\"}"));
        }

        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"a\":1}"));
        Assert.Equal([2, 7], await SubscriptionReads.ReadAsync(subscription, 2));

        Assert.Equal(12, subscription.ParseFailureCount);
        Assert.Equal(12, h.Client.ParseFailureCount);

        // Logged at the 1st and the 10th failure only, each naming the stream and event and showing at most 256 bytes.
        var logged = h.Logs.Entries.Where(e => e.Contains("[PayloadRejected]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Contains("trade.SOL_USDC", e, StringComparison.Ordinal));
        Assert.All(logged, e => Assert.Contains("event 'trade'", e, StringComparison.Ordinal));
        Assert.All(logged, e => Assert.Contains(new string('x', 200), e, StringComparison.Ordinal));
        Assert.All(logged, e => Assert.DoesNotContain(new string('x', 257), e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FrameForAStreamWithNoSubscription_IsCountedOnItsConnection_AndInTheMetrics()
    {
        await using var h = new ClientHarness();
        using var unrouted = new MetricCollector<long>(h.Client.Metrics!.Meter, BackpackStreamMetrics.UnroutedFramesName);
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{}"));
        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{}"));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));
        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));

        Assert.Equal(2, Assert.Single(h.Client.Connections).UnroutedFrameCount);
        Assert.Equal(2, unrouted.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(0, trades.ParseFailureCount);
        Assert.Equal(0, h.Client.ParseFailureCount);
    }
}
