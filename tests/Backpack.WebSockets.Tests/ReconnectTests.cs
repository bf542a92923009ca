using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Backpack.WebSockets.Connections;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

/// <summary>Reconnect, resubscribe and lifecycle, on the fake connection and a fake clock.</summary>
public class ReconnectTests
{
    private static readonly BackpackReconnectPolicy NoJitter = new DefaultReconnectPolicy(() => 0.5);

    [Fact]
    public async Task AbruptDrop_ResubscribesEveryStream_SignsPrivateOnesAfresh_AndTheSameEnumerationGoesOn()
    {
        await using var h = ClientHarness.WithCredentials();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var (orders, firstSigned) = await h.SubscribeConfirmedAsync("account.orderUpdate", "{\"o\":1}");
        var tradeReader = trades.GetAsyncEnumerator();
        var orderReader = orders.GetAsyncEnumerator();
        Assert.Equal("{\"id\":1}", await tradeReader.NextAsync());
        Assert.Equal("{\"o\":1}", await orderReader.NextAsync());
        h.Time.Advance(TimeSpan.FromSeconds(3));

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var resent = await AnswerResubscribesAsync(h, 2, "{\"id\":2}");
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(2, h.Connector.Connections.Count);
        Assert.Equal(["Reconnecting", "Reconnected"], h.Events);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Equal(["account.orderUpdate", "trade.SOL_USDC"], resent.Keys.Order());
        Assert.False(resent["trade.SOL_USDC"].TryGetProperty("signature", out _));
        var signature = resent["account.orderUpdate"].GetProperty("signature");
        var oldTimestamp = long.Parse(firstSigned.GetProperty("signature")[2].GetString()!);
        var newTimestamp = long.Parse(signature[2].GetString()!);
        Assert.Equal(oldTimestamp + 3000, newTimestamp);
        Assert.True(TestKeys.Verifies(signature[1].GetString()!, $"instruction=subscribe&timestamp={newTimestamp}&window={signature[3].GetString()}"));
        Assert.Equal(["account.orderUpdate", "trade.SOL_USDC"], h.LastReconnected!.ResubscribedStreams.Order());
        Assert.Equal(1, h.LastReconnected.Attempts);

        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":3}"));
        h.Connection.PushText(TestStreams.Frame("account.orderUpdate", "{\"o\":3}"));
        Assert.Equal("{\"id\":2}", await tradeReader.NextAsync());
        Assert.Equal("{\"id\":3}", await tradeReader.NextAsync());
        Assert.Equal("{\"o\":2}", await orderReader.NextAsync());
        Assert.Equal("{\"o\":3}", await orderReader.NextAsync());
        Assert.DoesNotContain(h.Connector.Connections[1].Sent, f => f.Contains("UNSUBSCRIBE"));
    }

    [Fact]
    public async Task Reconnecting_IsRaisedAndAwaitedBeforeTheNewConnectionIsOpened()
    {
        await using var h = new ClientHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Reconnecting += async args =>
        {
            entered.TrySetResult(args.Error);
            await release.Task;
        };
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        var drop = new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        h.Connection.Fail(drop);
        var reason = await entered.Task.OrTimeout();

        Assert.Same(drop, Assert.IsType<BackpackStreamException>(reason).InnerException);
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        Assert.Equal(1, h.Connector.AttemptCount);
        release.SetResult();
        await AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");
        Assert.Equal(2, h.Connector.AttemptCount);
    }

    [Fact]
    public async Task FailedHandshakes_AreRetriedOnTheBackoffSchedule_AndDowntimeCountsTheWait()
    {
        await using var h = new ClientHarness(o =>
        {
            o.ReconnectPolicy = NoJitter;
            o.SubscribeErrorWindow = TimeSpan.FromSeconds(7);
        });
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connector.FailNext(Http(503));
        h.Connector.FailNext(Http(503));

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, h.Connector.AttemptCount);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(3, h.Connector.AttemptCount);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(4, h.Connector.AttemptCount);
        Assert.Equal(3, h.LastReconnected!.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(3), h.LastReconnected.Downtime);
        Assert.Equal(2, h.Logs.Entries.Count(e => e.Contains("[ReconnectAttemptFailed]")));
    }

    [Fact]
    public async Task Handshake429_WaitsAtLeastTheRetryAfter()
    {
        await using var h = new ClientHarness(o => o.ReconnectPolicy = NoJitter);
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connector.FailNext(Http(429, TimeSpan.FromSeconds(17)));

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(17));
        h.Time.Advance(TimeSpan.FromSeconds(16));
        Assert.Equal(2, h.Connector.AttemptCount);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(3, h.Connector.AttemptCount);
        Assert.Equal(TimeSpan.FromSeconds(17), h.LastReconnected!.Downtime);
    }

    [Fact]
    public async Task ServerCloseFrame_ReconnectsAtOnce_WhateverThePolicyDelay()
    {
        var policy = new RecordingPolicy(TimeSpan.FromMinutes(5));
        await using var h = new ClientHarness(o => o.ReconnectPolicy = policy);
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        h.Connection.PushClose(WebSocketCloseStatus.EndpointUnavailable, "restarting");
        await AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");

        Assert.Equal(1, h.Connector.Connections[0].CloseCallCount);
        var context = Assert.Single(policy.Contexts);
        Assert.Equal(0, context.PreviousRetryCount);
        Assert.Contains("restarting", context.RetryReason.Message);
        Assert.Equal(TimeSpan.Zero, h.LastReconnected!.Downtime);
    }

    [Fact]
    public async Task ResubscribeRejected_FaultsOnlyThatStream_AndTheOthersGoOn()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var (depth, _) = await h.SubscribeConfirmedAsync("depth.SOL_USDC", "{\"d\":1}");
        var depthReader = depth.GetAsyncEnumerator();
        Assert.Equal("{\"d\":1}", await depthReader.NextAsync());

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var connection = await h.Connector.WaitForConnectionAsync(1);
        // Both streams go out in one frame; not Connected before every stream was answered.
        var request = JsonDocument.Parse(await connection.ReadSentAsync()).RootElement;
        Assert.Equal(["depth.SOL_USDC", "trade.SOL_USDC"], request.GetProperty("params").EnumerateArray().Select(p => p.GetString()).Order());
        Assert.False(connection.HasUnreadSent);
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);

        // Depth's first frame accepts it, so the error that follows can only be the other one's.
        connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{\"d\":2}"));
        Assert.Equal("{\"d\":2}", await depthReader.NextAsync());
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");

        await h.WaitForEventAsync("Reconnected");
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.SubscriptionRejected, error.ErrorCode);
        Assert.Equal(4006, error.ServerCode);
        Assert.Equal("trade.SOL_USDC", error.StreamName);
        Assert.Equal(["depth.SOL_USDC"], h.LastReconnected!.ResubscribedStreams);
        Assert.Equal(["depth.SOL_USDC"], h.Client.ActiveStreams);
        Assert.Equal(0, h.Client.UnattributedErrorCount);
    }

    [Fact]
    public async Task PolicyGivesUp_EndsEverySubscriptionWithConnectionLost_AndRaisesClosedOnce()
    {
        var policy = new RecordingPolicy(TimeSpan.Zero, giveUpAfter: 1);
        await using var h = new ClientHarness(o => o.ReconnectPolicy = policy);
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        var refused = Http(503);
        h.Connector.FailNext(refused);

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.ConnectionLost, error.ErrorCode);
        Assert.Same(refused, error.InnerException);
        await h.WaitForClosedAsync();
        Assert.Equal(["Reconnecting", "Closed"], h.Events);
        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
        Assert.Equal([0, 1], policy.Contexts.Select(c => c.PreviousRetryCount));
        Assert.Same(refused, policy.Contexts[1].RetryReason);
        Assert.Empty(h.Client.ActiveStreams);
    }

    [Fact]
    public async Task StateChangedAt_StampsEveryChangeOnTheClientsClock_AndDisconnectError_KeepsWhyReconnectingGaveUp()
    {
        var policy = new RecordingPolicy(TimeSpan.FromSeconds(13), giveUpAfter: 1);
        await using var h = new ClientHarness(o => o.ReconnectPolicy = policy);
        var created = h.Time.GetUtcNow();
        Assert.Equal(created, h.Client.StateChangedAt);
        Assert.Null(h.Client.DisconnectError);

        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Equal(created.AddSeconds(10), h.Client.StateChangedAt);

        h.Time.Advance(TimeSpan.FromSeconds(20));
        var refused = Http(503);
        h.Connector.FailNext(refused);
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForEventAsync("Reconnecting");
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        Assert.Equal(created.AddSeconds(30), h.Client.StateChangedAt);
        Assert.Null(h.Client.DisconnectError);

        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(13));
        h.Time.Advance(TimeSpan.FromSeconds(13));
        await h.WaitForClosedAsync();

        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
        Assert.Equal(created.AddSeconds(43), h.Client.StateChangedAt);
        var error = Assert.IsType<BackpackStreamException>(h.Client.DisconnectError);
        Assert.Equal(BackpackStreamErrorCode.ConnectionLost, error.ErrorCode);
        Assert.Same(refused, error.InnerException);

        await h.Client.DisposeAsync();
        Assert.Equal(BackpackConnectionState.Closed, h.Client.State);
        Assert.Null(h.Client.DisconnectError);
    }

    [Fact]
    public async Task DisconnectError_IsTheFailedHandshake_UntilTheNextConnectSucceeds()
    {
        await using var h = new ClientHarness();
        h.Connector.FailNext(Http(503));
        h.Time.Advance(TimeSpan.FromSeconds(4));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.ConnectAsync());

        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
        Assert.Same(error, h.Client.DisconnectError);
        Assert.Equal(h.Time.GetUtcNow(), h.Client.StateChangedAt);
        await h.Client.ConnectAsync().OrTimeout();
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Null(h.Client.DisconnectError);
    }

    [Fact]
    public async Task DisconnectError_IsNotSetByACancelledConnect()
    {
        using var cts = new CancellationTokenSource();
        var connector = new Moq.Mock<Backpack.WebSockets.Transport.IWebSocketConnector>();
        connector.Setup(c => c.ConnectAsync(Moq.It.IsAny<Uri>(), Moq.It.IsAny<CancellationToken>()))
            .Returns<Uri, CancellationToken>((_, token) =>
            {
                // Cancelled by the caller while the handshake runs.
                cts.Cancel();
                return Task.FromCanceled<Backpack.WebSockets.Transport.IWebSocketConnection>(token);
            });
        var options = Microsoft.Extensions.Options.Options.Create(new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test") });
        await using var client = new BackpackStreamClient(options, connector.Object, new ObservableTimeProvider());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(cts.Token));

        connector.Verify(c => c.ConnectAsync(Moq.It.IsAny<Uri>(), Moq.It.IsAny<CancellationToken>()), Moq.Times.Once());
        Assert.Equal(BackpackConnectionState.Disconnected, client.State);
        Assert.Null(client.DisconnectError);
    }

    [Fact]
    public async Task SubscribeWhileReconnecting_IsSentOnTheNewConnection()
    {
        await using var h = new ClientHarness(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromSeconds(5)));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));

        var pending = h.Client.SubscribeAsync(TestStreams.Raw("ticker.SOL_USDC"));
        Assert.False(pending.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var resent = await AnswerResubscribesAsync(h, 2);

        await using var ticker = await pending.OrTimeout();
        Assert.Equal(["ticker.SOL_USDC", "trade.SOL_USDC"], resent.Keys.Order());
        await h.WaitForEventAsync("Reconnected");
    }

    [Fact]
    public async Task DisposeDuringBackoff_StopsTheReconnect_AndNoConnectionFollows()
    {
        var h = new ClientHarness(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromSeconds(5)));
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));

        await h.Client.DisposeAsync().OrTimeout();
        h.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, h.Connector.AttemptCount);
        Assert.Equal(BackpackConnectionState.Closed, h.Client.State);
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.ClientClosed, error.ErrorCode);
        await h.WaitForClosedAsync();
        Assert.Equal(["Reconnecting", "Closed"], h.Events);
    }

    [Fact]
    public async Task DisposeAsync_FromAReconnectingHandler_CompletesAndStopsTheReconnect()
    {
        var h = new ClientHarness();
        var disposed = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Reconnecting += async _ =>
        {
            var disposing = h.Client.DisposeAsync().AsTask();
            disposed.TrySetResult(disposing);
            await disposing;
        };
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await (await disposed.Task.OrTimeout()).OrTimeout();

        Assert.Equal(BackpackConnectionState.Closed, h.Client.State);
        Assert.Equal(1, h.Connector.AttemptCount);
        await h.WaitForClosedAsync();
    }

    [Fact]
    public async Task DataSilenceWatchdog_DropsASilentConnectionThatCarriesATickingStream()
    {
        await using var h = new ClientHarness(o => o.DataSilenceTimeout = TimeSpan.FromSeconds(4));
        await h.SubscribeConfirmedAsync("ticker.SOL_USDC");

        h.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(h.Events);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.WaitForEventAsync("Reconnecting");

        Assert.True(h.Connector.Connections[0].IsAborted);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[DataSilence]") && e.Contains("ticker.SOL_USDC"));
        await AnswerResubscribesAsync(h, 1);
        await h.WaitForEventAsync("Reconnected");
    }

    [Fact]
    public async Task DataSilenceWatchdog_LeavesAConnectionOfQuietStreamsAlone()
    {
        await using var h = ClientHarness.WithCredentials(o => o.DataSilenceTimeout = TimeSpan.FromSeconds(4));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        await h.SubscribeConfirmedAsync("account.orderUpdate");

        h.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.All(h.Connector.Connections, c => Assert.False(c.IsAborted));
        Assert.Single(h.Connector.Connections);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
    }

    [Fact]
    public async Task DataSilenceWatchdog_IsOffByDefault()
    {
        await using var h = new ClientHarness();
        await h.SubscribeConfirmedAsync("ticker.SOL_USDC");

        h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Null(h.Options.DataSilenceTimeout);
        Assert.False(h.Connection.IsAborted);
    }

    [Fact]
    public async Task TwentyDropsInARow_EachReconnectsAndResubscribes()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":0}");
        var reader = trades.GetAsyncEnumerator();
        Assert.Equal("{\"id\":0}", await reader.NextAsync());

        for (var drop = 1; drop <= 20; drop++)
        {
            h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
            var resent = await AnswerResubscribesAsync(h, 1, $"{{\"id\":{drop}}}");
            Assert.Equal(["trade.SOL_USDC"], resent.Keys);
            await h.WaitForEventAsync("Reconnected", drop);
            Assert.Equal($"{{\"id\":{drop}}}", await reader.NextAsync());
        }

        Assert.Equal(21, h.Connector.Connections.Count);
        Assert.Equal(20, h.Events.Count(e => e == "Reconnecting"));
        Assert.DoesNotContain("Closed", h.Events);
    }

    [Theory]
    [InlineData("1700000000123", 1700000000123L)]
    [InlineData(" 1700000000123\n", 1700000000123L)]
    [InlineData("\"1700000000123\"", 1700000000123L)]
    public void ServerTime_IsParsedFromPlainOrQuotedMilliseconds(string body, long expected)
    {
        Assert.Equal(expected, Backpack.WebSockets.Rest.BackpackRestClient.ParseServerTime(Encoding.UTF8.GetBytes(body)).ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"time\":1}")]
    [InlineData("12x")]
    public void ServerTime_RejectsAnythingElse(string body)
    {
        Assert.Throws<Backpack.WebSockets.Protocol.PayloadFormatException>(() => Backpack.WebSockets.Rest.BackpackRestClient.ParseServerTime(Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>
    /// Reads <paramref name="count"/> SUBSCRIBE requests from the newest connection (waiting for it to exist) and confirms
    /// each with a data frame; returns the requests by stream name.
    /// </summary>
    internal static async Task<Dictionary<string, JsonElement>> AnswerResubscribesAsync(ClientHarness h, int count, string data = "{\"n\":2}")
    {
        // Every reconnect so far opened exactly one connection (failed handshakes open none).
        var reconnects = h.Events.Count(e => e == "Reconnected");
        var connection = await h.Connector.WaitForConnectionAsync(reconnects + 1);
        var requests = new Dictionary<string, JsonElement>();
        while (requests.Count < count)
        {
            // Streams subscribed together share a frame (one per kind): answer every stream of it.
            var request = JsonDocument.Parse(await connection.ReadSentAsync()).RootElement.Clone();
            Assert.Equal("SUBSCRIBE", request.GetProperty("method").GetString());
            foreach (var name in request.GetProperty("params").EnumerateArray())
            {
                var stream = name.GetString()!;
                requests[stream] = request;
                var payload = stream.StartsWith("account.", StringComparison.Ordinal) ? data.Replace("\"n\"", "\"o\"").Replace("\"id\"", "\"o\"") : data;
                connection.PushText(TestStreams.Frame(stream, payload));
            }
        }

        return requests;
    }

    internal static BackpackStreamException Http(int status, TimeSpan? retryAfter = null) =>
        new(BackpackStreamErrorCode.ConnectionFailed, $"HTTP {status}") { HttpStatusCode = status, RetryAfter = retryAfter };
}
