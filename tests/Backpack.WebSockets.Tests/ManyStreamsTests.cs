using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

/// <summary>More streams than one connection carries (<see cref="BackpackStreamClientOptions.MaxStreamsPerConnection"/>).</summary>
public class ManyStreamsTests
{
    [Fact]
    public async Task StreamsPastTheLimit_GoToFurtherConnections_EachReconnectingOnItsOwn()
    {
        await using var h = new ClientHarness(o => o.MaxStreamsPerConnection = 2);
        var subscriptions = new Dictionary<string, BackpackSubscription<string>>();
        foreach (var name in new[] { "trade.A", "trade.B", "trade.C", "trade.D", "trade.E" })
        {
            subscriptions[name] = (await h.SubscribeConfirmedAsync(name, "{\"n\":1}")).Subscription;
        }

        var connections = h.Connector.Connections;
        Assert.Equal(3, connections.Count);
        Assert.Equal([["trade.A", "trade.B"], ["trade.C", "trade.D"], ["trade.E"]], connections.Select(SubscribedStreams));
        Assert.Equal(["trade.A", "trade.B", "trade.C", "trade.D", "trade.E"], h.Client.ActiveStreams.Order());

        // A second consumer of a stream shares the connection that already carries it.
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("trade.D"));
        await using var secondD = await pending.OrTimeout();
        Assert.False(connections[1].HasUnreadSent);
        Assert.Equal(3, h.Connector.Connections.Count);

        connections[1].Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var replacement = await h.Connector.WaitForConnectionAsync(3);
        // The connection's own two streams, in one frame; the other connections are not touched.
        var request = JsonDocument.Parse(await replacement.ReadSentAsync()).RootElement;
        foreach (var stream in request.GetProperty("params").EnumerateArray())
        {
            replacement.PushText(TestStreams.Frame(stream.GetString()!, "{\"n\":2}"));
        }

        await h.WaitForEventAsync("Reconnected");
        Assert.Equal(["trade.C", "trade.D"], h.LastReconnected!.ResubscribedStreams.Order());
        Assert.Equal(["Reconnecting", "Reconnected"], h.Events);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.False(connections[0].IsAborted);
        Assert.False(connections[2].IsAborted);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], await SubscriptionReads.ReadAsync(subscriptions["trade.D"], 2));
        Assert.Equal(["{\"n\":2}"], await SubscriptionReads.ReadAsync(secondD, 1));

        await h.Client.UnsubscribeAsync("trade.C").OrTimeout();
        Assert.Contains("UNSUBSCRIBE", await replacement.ReadSentAsync());

        await h.Client.DisposeAsync().OrTimeout();
        Assert.All(h.Connector.Connections, c => Assert.True(c.IsAborted));
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => subscriptions["trade.E"].ReadToEndAsync());
        Assert.Equal(BackpackStreamErrorCode.ClientClosed, error.ErrorCode);
    }

    [Fact]
    public async Task AStreamLeavingAFullConnection_MakesRoomThereAgain()
    {
        await using var h = new ClientHarness(o => o.MaxStreamsPerConnection = 1);
        var (first, _) = await h.SubscribeConfirmedAsync("trade.A");
        await first.DisposeAsync().OrTimeout();
        await h.Connector.Connections[0].ReadSentAsync(); // UNSUBSCRIBE

        await h.SubscribeConfirmedAsync("trade.B");

        Assert.Single(h.Connector.Connections);
    }

    [Fact]
    public void MaxStreamsPerConnection_DefaultsToAGenerousLimit_AndRejectsNonsense()
    {
        var options = new BackpackStreamClientOptions();

        Assert.Equal(1000, options.MaxStreamsPerConnection);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxStreamsPerConnection = 0);
    }

    private static string[] SubscribedStreams(FakeWebSocketConnection connection) =>
        [.. connection.Sent
            .Select(f => JsonDocument.Parse(f).RootElement)
            .Where(r => r.GetProperty("method").GetString() == "SUBSCRIBE")
            .Select(r => r.GetProperty("params")[0].GetString()!)];
}
