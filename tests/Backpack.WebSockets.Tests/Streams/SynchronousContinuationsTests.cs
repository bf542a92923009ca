using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Streams;

/// <summary><see cref="BackpackStreamClientOptions.AllowSynchronousContinuations"/>: where a woken consumer runs.</summary>
public sealed class SynchronousContinuationsTests
{
    [Fact]
    public async Task AParkedConsumer_RunsOnTheReceiveLoop_BeforeTheNextFrameIsRead()
    {
        await using var h = new ClientHarness(o => o.AllowSynchronousContinuations = true);
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var (depth, _) = await h.SubscribeConfirmedAsync("depth.SOL_USDC", "{\"id\":2}");
        await using var reader = trades.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        // Park the reader, with every continuation registered before the trade below wakes it: what runs inline then is
        // this continuation, which looks at the depth stream's buffer.
        var next = reader.MoveNextAsync();
        Assert.False(next.IsCompleted);
        var depthBufferedWhenTradeRan = next.AsTask().ContinueWith(
            read => (read.Result, reader.Current, depth.BufferedCount),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":3}"));
        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{\"id\":4}"));

        // Run inline, the consumer saw only the depth item sent before the trade: the loop had not read the next frame yet.
        Assert.Equal((true, "{\"id\":3}", 1), await depthBufferedWhenTradeRan.OrTimeout());
        Assert.Equal(["{\"id\":2}", "{\"id\":4}"], await SubscriptionReads.ReadAsync(depth, 2));
    }
}
