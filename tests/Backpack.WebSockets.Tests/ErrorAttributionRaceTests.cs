using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

/// <summary>
/// Error frames carry no request id, so the client blames them only on the SUBSCRIBEs in flight, narrowing down among several.
/// These tests drive the interleavings where that could go wrong: a SUBSCRIBE released before its answer, and an answer that
/// arrives before the send returned.
/// </summary>
public class ErrorAttributionRaceTests
{
    private const string InvalidStream = "{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}";
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("cancel")]
    [InlineData("unsubscribe")]
    public async Task LateErrorForAReleasedSubscribe_IsNotBlamedOnTheNextStream(string release)
    {
        await using var h = new ClientHarness();
        await ReleaseWhileInFlightAsync(h, release);

        // The next SUBSCRIBE does not wait for the released one; both are in flight when the late error arrives.
        var next = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"));
        Assert.Equal(["trade.SOL_USDC"], Params(await h.Connection.ReadSentAsync().OrTimeout()));
        h.Connection.PushText(InvalidStream);

        // Either could own it: the released one is nobody's concern any more, so the live one is asked again, alone.
        await using var trades = await ExpectSubscribeAndConfirmAsync(h, next, "trade.SOL_USDC");

        Assert.Equal(["{\"id\":1}"], await SubscriptionReads.ReadAsync(trades, 1));
        Assert.Equal(["trade.SOL_USDC"], h.Client.ActiveStreams);
        Assert.False(trades.Completion.IsCompleted);
        Assert.DoesNotContain(h.Logs.Entries, e => e.Contains("[SubscriptionRejected]"));
    }

    [Fact]
    public async Task LoneReleasedSubscribe_TakesTheLateError_CountedAsUnattributed()
    {
        await using var h = new ClientHarness();
        await ReleaseWhileInFlightAsync(h, "cancel");

        h.Connection.PushText(InvalidStream);
        await h.Logs.WaitForEntryAsync("[ReleasedSubscriptionRejected]");

        // Nothing else was in flight: the next stream goes out and is accepted on its own merits.
        var next = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"));
        await using var trades = await ExpectSubscribeAndConfirmAsync(h, next, "trade.SOL_USDC");
        Assert.Equal(1, h.Client.UnattributedErrorCount);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[ReleasedSubscriptionRejected]") && e.Contains("depth.NOPE_USDC") && e.Contains("4006"));
        Assert.DoesNotContain(h.Logs.Entries, e => e.Contains("[SubscriptionRejected]"));
    }

    [Fact]
    public async Task ReleasedSubscribe_ThatTheServerAccepted_IsNoLongerInFlight()
    {
        await using var h = new ClientHarness();
        await ReleaseWhileInFlightAsync(h, "cancel");

        // A frame of the released stream (still on its way before the UNSUBSCRIBE took effect) means it was accepted.
        h.Connection.PushText(TestStreams.Frame("depth.NOPE_USDC", "{}"));
        await WaitForAsync(() => h.Client.Connections[0].UnroutedFrameCount == 1);
        var next = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"));
        Assert.Equal(["trade.SOL_USDC"], Params(await h.Connection.ReadSentAsync().OrTimeout()));

        // So an error now can only be the new stream's.
        h.Connection.PushText(InvalidStream);
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => next.OrTimeout());
        Assert.Equal(("trade.SOL_USDC", 4006), (error.StreamName, error.ServerCode));
        Assert.Equal(0, h.Client.UnattributedErrorCount);
    }

    [Fact]
    public async Task LateErrorForAStreamReleasedDuringAResubscribe_IsNotBlamedOnTheOtherResubscribedStream()
    {
        await using var h = new ClientHarness();
        var first = await SubscribeBySilenceAsync(h, "trade.SOL_USDC", windowsSoFar: 0);
        var second = await SubscribeBySilenceAsync(h, "depth.SOL_USDC", windowsSoFar: 1);
        var subscriptions = new Dictionary<string, BackpackSubscription<string>> { [first.StreamName] = first, [second.StreamName] = second };

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var connection = await h.Connector.WaitForConnectionAsync(1);
        var resent = JsonDocument.Parse(await connection.ReadSentAsync()).RootElement.GetProperty("params").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(subscriptions.Keys.Order(), resent.Order());
        await h.Time.WaitForTimerAsync(h.Options.SubscribeErrorWindow, alreadySeen: 2);
        h.Time.Advance(Early);
        const string released = "depth.SOL_USDC";
        const string kept = "trade.SOL_USDC";
        await subscriptions[released].DisposeAsync().AsTask().WaitAsync(TestTimeouts.Hang);
        Assert.Equal(["UNSUBSCRIBE", released], await MethodAndParamsAsync(connection));
        connection.PushText(InvalidStream);

        var request = JsonDocument.Parse(await connection.ReadSentAsync()).RootElement;
        Assert.Equal("SUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal([kept], request.GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        connection.PushText(TestStreams.Frame(kept, "{\"id\":2}"));
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(["{\"id\":2}"], await SubscriptionReads.ReadAsync(subscriptions[kept], 1));
        Assert.False(subscriptions[kept].Completion.IsCompleted);
        Assert.Equal([kept], h.Client.ActiveStreams);
        Assert.Equal([kept], h.LastReconnected!.ResubscribedStreams);
    }

    [Fact]
    public async Task ErrorArrivingBeforeTheSendReturned_LeavesNoUnsubscribeToSend()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        h.Connection.HoldSends();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("depth.NOPE_USDC"));
        Assert.Equal("depth.NOPE_USDC", (await h.ReadRequestAsync()).GetProperty("params")[0].GetString());

        // The last consumer leaves while the SUBSCRIBE is on the wire (an UNSUBSCRIBE is queued behind it), then the
        // server's rejection arrives, all before the send returned.
        var unsubscribe = h.Client.UnsubscribeAsync("depth.NOPE_USDC");
        await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        h.Connection.PushText(InvalidStream);
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));
        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
        h.Connection.ReleaseSends();
        await unsubscribe.OrTimeout();

        // The server holds no subscription to undo, so the next frame out is the next SUBSCRIBE, not an UNSUBSCRIBE.
        var next = h.Client.SubscribeAsync(TestStreams.Raw("depth.SOL_USDC"));
        await using var depth = await ExpectSubscribeAndConfirmAsync(h, next, "depth.SOL_USDC");
        Assert.Equal(1, h.Client.UnattributedErrorCount);
    }

    /// <summary>Checks that the next frame out is the SUBSCRIBE for <paramref name="stream"/>, then confirms it with a first item.</summary>
    private static async Task<BackpackSubscription<string>> ExpectSubscribeAndConfirmAsync(ClientHarness h, Task<BackpackSubscription<string>> pending, string stream)
    {
        var request = await h.ReadRequestAsync();
        Assert.Equal("SUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal(stream, request.GetProperty("params")[0].GetString());
        h.Connection.PushText(TestStreams.Frame(stream, "{\"id\":1}"));
        return await pending.OrTimeout();
    }

    /// <summary>Subscribes and lets the error window pass in silence, so the number of window timers stays known.</summary>
    private static async Task<BackpackSubscription<string>> SubscribeBySilenceAsync(ClientHarness h, string stream, int windowsSoFar)
    {
        var pending = h.Client.SubscribeAsync(TestStreams.Raw(stream));
        Assert.Equal([stream], Params(await h.Connection.ReadSentAsync()));
        await h.Time.WaitForTimerAsync(h.Options.SubscribeErrorWindow, windowsSoFar);
        h.Time.Advance(h.Options.SubscribeErrorWindow);
        return await pending.OrTimeout();
    }

    /// <summary>
    /// Sends a SUBSCRIBE for an invalid stream, lets <see cref="Early"/> of its error window pass, then releases it
    /// (<paramref name="release"/>: <c>cancel</c> the subscribe, or <c>unsubscribe</c>) and checks the UNSUBSCRIBE went out.
    /// </summary>
    private static async Task ReleaseWhileInFlightAsync(ClientHarness h, string release)
    {
        using var cts = new CancellationTokenSource();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("depth.NOPE_USDC"), cts.Token);
        Assert.Equal("SUBSCRIBE", (await h.ReadRequestAsync()).GetProperty("method").GetString());
        await h.Time.WaitForTimerAsync(h.Options.SubscribeErrorWindow);
        h.Time.Advance(Early);

        if (release == "cancel")
        {
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.OrTimeout());
        }
        else
        {
            await h.Client.UnsubscribeAsync("depth.NOPE_USDC").OrTimeout();
            var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
            Assert.Null(error.ServerCode);
        }

        var request = await h.ReadRequestAsync();
        Assert.Equal("UNSUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal("depth.NOPE_USDC", request.GetProperty("params")[0].GetString());
    }

    private static string[] Params(string request) =>
        [.. JsonDocument.Parse(request).RootElement.GetProperty("params").EnumerateArray().Select(p => p.GetString()!)];

    private static async Task<string[]> MethodAndParamsAsync(FakeWebSocketConnection connection)
    {
        var text = await connection.ReadSentAsync().OrTimeout();
        return [JsonDocument.Parse(text).RootElement.GetProperty("method").GetString()!, .. Params(text)];
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Polls a counter the receive loop bumps; bounded, never a fixed sleep.
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));
    }
}
