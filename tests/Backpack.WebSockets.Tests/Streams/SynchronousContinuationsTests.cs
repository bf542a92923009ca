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
        var depthBufferedWhenTradeRan = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Task.Run(async () =>
        {
            await foreach (var item in trades)
            {
                if (item == "{\"id\":3}")
                {
                    depthBufferedWhenTradeRan.TrySetResult(depth.BufferedCount);
                    return;
                }
            }
        });

        // The consumer has read its first item and waits for the next: the trade below wakes it.
        Assert.True(SpinWait.SpinUntil(() => trades.IsReaderParked, TestTimeouts.Hang));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":3}"));
        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{\"id\":4}"));

        // Run inline, the consumer saw only the depth item sent before the trade: the loop had not read the next frame yet.
        Assert.Equal(1, await depthBufferedWhenTradeRan.Task.OrTimeout());
        await consumer.OrTimeout();
        Assert.Equal(["{\"id\":2}", "{\"id\":4}"], await SubscriptionReads.ReadAsync(depth, 2));
    }
}
