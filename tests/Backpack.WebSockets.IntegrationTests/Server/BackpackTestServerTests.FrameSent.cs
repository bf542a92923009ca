using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    [Fact]
    public async Task FrameSent_ReportsEachDataFrameWrittenToASubscriber_NotRawFrames_NorDroppedConnections()
    {
        await using var server = await StartServerAsync();
        var events = new List<FrameSentEventArgs>();
        server.FrameSent += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        await using var subscribed = await TestSocket.ConnectAsync(server.WebSocketUri);
        await using var other = await TestSocket.ConnectAsync(server.WebSocketUri);
        await subscribed.SubscribeAsync("trade.SOL_USDC");
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe("trade.SOL_USDC")).OrTimeout();
        await other.SubscribeAsync("ticker.SOL_USDC");
        await server.WaitForRequestAsync(r => r.IsSubscribe("ticker.SOL_USDC")).OrTimeout();

        Assert.Equal(1, await server.PublishAsync("trade.SOL_USDC", """{"t":1}"""));
        Assert.Equal(2, await server.PublishRawFrameAsync("""{"raw":true}"""));
        var received = await subscribed.ReceiveTextAsync();

        // Raised on the publishing thread before PublishAsync returned.
        var sent = Assert.Single(events);
        Assert.Equal(request.ConnectionId, sent.ConnectionId);
        Assert.Equal("trade.SOL_USDC", sent.Stream);
        Assert.Equal(received, sent.Frame);

        server.DropAllConnections();
        Assert.Equal(0, await server.PublishAsync("trade.SOL_USDC", """{"t":2}"""));
        Assert.Single(events);
    }
}
