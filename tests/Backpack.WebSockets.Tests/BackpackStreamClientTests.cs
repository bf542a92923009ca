using System.Net.WebSockets;
using System.Text.Json;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

public class BackpackStreamClientTests
{
    [Fact]
    public async Task SubscribeAsync_PublicStream_SendsUnsignedSubscribeAndCompletesOnFirstFrame()
    {
        await using var h = new ClientHarness();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"));

        var request = await h.ReadRequestAsync();
        Assert.Equal("SUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal(["trade.SOL_USDC"], request.GetProperty("params").EnumerateArray().Select(e => e.GetString()));
        Assert.False(request.TryGetProperty("signature", out _));
        Assert.False(pending.IsCompleted);

        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"p\":\"1\"}"));
        await using var subscription = await pending.OrTimeout();

        Assert.Equal("trade.SOL_USDC", subscription.StreamName);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Equal(new Uri("wss://fake.test"), h.Connector.LastEndpoint);
    }

    [Fact]
    public async Task SubscribeAsync_SilenceForTheErrorWindow_CompletesAsAccepted()
    {
        await using var h = new ClientHarness();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("ticker.SOL_USDC"));
        await h.ReadRequestAsync();
        await h.Time.WaitForTimerAsync(h.Options.SubscribeErrorWindow);

        h.Time.Advance(h.Options.SubscribeErrorWindow - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.IsCompleted);
        h.Time.Advance(TimeSpan.FromMilliseconds(1));

        await using var subscription = await pending.OrTimeout();
        Assert.Equal(["ticker.SOL_USDC"], h.Client.ActiveStreams);
    }

    [Fact]
    public async Task Frames_AreRoutedToTheirOwnStreamOnly()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var (depth, _) = await h.SubscribeConfirmedAsync("depth.SOL_USDC", "{\"id\":2}");

        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{\"id\":3}"));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":4}"));
        h.Connection.PushText(TestStreams.Frame("bookTicker.SOL_USDC", "{\"id\":5}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":4}"], await SubscriptionReads.ReadAsync(trades, 2));
        Assert.Equal(["{\"id\":2}", "{\"id\":3}"], await SubscriptionReads.ReadAsync(depth, 2));
    }

    [Fact]
    public async Task Routing_DoesNotDependOnKeyOrderAndSkipsUnknownKeys()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushText("{\"stream\":\"trade.SOL_USDC\",\"extra\":[1,{\"a\":2}],\"data\":{\"id\":2}}");

        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
    }

    [Fact]
    public async Task SubscribeAsync_SymbolWithDot_RoutesByWholeName()
    {
        await using var h = new ClientHarness();
        var (equity, _) = await h.SubscribeConfirmedAsync("bookTicker.SPCX.US_USDC", "{\"id\":1}");
        h.Connection.PushText(TestStreams.Frame("bookTicker.SPCX.US_USDC", "{\"id\":2}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(equity, 2));
    }

    [Fact]
    public async Task TwoConsumersOfOneStream_ShareOneServerSubscriptionAndEachGetsEveryItem()
    {
        await using var h = new ClientHarness();
        var (first, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        await using var second = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();

        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":3}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":2}", "{\"id\":3}"], await SubscriptionReads.ReadAsync(first, 3));
        Assert.Equal(["{\"id\":2}", "{\"id\":3}"], await SubscriptionReads.ReadAsync(second, 2));
        Assert.Single(h.Connection.Sent);
    }

    [Fact]
    public async Task Unsubscribe_IsSentOnlyWhenTheLastConsumerLeaves()
    {
        await using var h = new ClientHarness();
        var (first, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        var second = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();

        await first.DisposeAsync().OrTimeout();
        Assert.False(h.Connection.HasUnreadSent);
        Assert.Equal(["trade.SOL_USDC"], h.Client.ActiveStreams);

        await second.DisposeAsync().OrTimeout();
        var request = await h.ReadRequestAsync();
        Assert.Equal("UNSUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal(["trade.SOL_USDC"], request.GetProperty("params").EnumerateArray().Select(e => e.GetString()));
        Assert.False(request.TryGetProperty("signature", out _));
        Assert.Empty(h.Client.ActiveStreams);
    }

    [Fact]
    public async Task LeavingAwaitForeach_ReleasesTheSubscription()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        await foreach (var item in trades)
        {
            Assert.Equal("{\"n\":0}", item);
            break;
        }

        var request = await h.ReadRequestAsync();
        Assert.Equal("UNSUBSCRIBE", request.GetProperty("method").GetString());
    }

    [Fact]
    public async Task SubscribeAsync_ConfirmedByTheFirstFrame_ReturnsWithThatFrameAlreadyBuffered()
    {
        await using var h = new ClientHarness();

        var (subscription, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        // No wait: the frame that proved the SUBSCRIBE was handed over before the confirmation released the caller.
        Assert.Equal(1, subscription.BufferedCount);
        await subscription.DisposeAsync();
    }

    [Fact]
    public async Task UnsubscribeAsync_EndsEveryConsumerNormallyAndSendsUnsubscribe()
    {
        await using var h = new ClientHarness();
        var (first, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var second = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();

        var unsubscribing = h.Client.UnsubscribeAsync("trade.SOL_USDC");
        var request = await h.ReadRequestAsync();
        await unsubscribing.OrTimeout();

        Assert.Equal("UNSUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal(["{\"id\":1}"], await SubscriptionReads.ReadToEndAsync(first));
        Assert.Empty(await SubscriptionReads.ReadToEndAsync(second));
        Assert.True(second.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task UnsubscribeAsync_UnknownStream_DoesNothing()
    {
        await using var h = new ClientHarness();
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        await h.Client.UnsubscribeAsync("depth.SOL_USDC").OrTimeout();

        Assert.Single(h.Connection.Sent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("trade.SOL_USDC\",\"account.orderUpdate")]
    [InlineData("trade SOL")]
    public async Task UnsubscribeAsync_InvalidName_ThrowsArgumentException(string name)
    {
        await using var h = new ClientHarness();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Client.UnsubscribeAsync(name));
    }

    [Fact]
    public async Task ErrorFrame_RejectsTheSubscribeInFlightWithServerCode()
    {
        await using var h = new ClientHarness();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("depth.NOPE_USDC"));
        await h.ReadRequestAsync();

        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        Assert.Equal(BackpackStreamErrorCode.SubscriptionRejected, error.ErrorCode);
        Assert.Equal(4006, error.ServerCode);
        Assert.Equal("depth.NOPE_USDC", error.StreamName);
        Assert.Contains("Invalid stream", error.Message);
        Assert.False(error.IsTransient);
        Assert.Empty(h.Client.ActiveStreams);
    }

    [Fact]
    public async Task ErrorFrame_IsNotBlamedOnAnEarlierAcceptedStream()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("depth.NOPE_USDC"));
        await h.ReadRequestAsync();

        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");
        await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
        Assert.False(trades.Completion.IsCompleted);
    }

    [Fact]
    public async Task ErrorWithTwoSubscribesInFlight_IsNarrowedDownToTheStreamItBelongsTo()
    {
        await using var h = new ClientHarness();
        var first = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"));
        var second = h.Client.SubscribeAsync(TestStreams.Raw("depth.SOL_USDC"));
        var sent = new List<string>();
        while (sent.Count < 2)
        {
            sent.AddRange((await h.ReadRequestAsync()).GetProperty("params").EnumerateArray().Select(p => p.GetString()!));
        }

        Assert.Equal(["trade.SOL_USDC", "depth.SOL_USDC"], sent);

        // An error with two in flight could belong to either: the first half goes out alone, and the error comes back.
        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");
        var probe = await h.ReadRequestAsync();
        Assert.Equal(["trade.SOL_USDC"], probe.GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        Assert.False(h.Connection.HasUnreadSent);
        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => first.OrTimeout());
        Assert.Equal((BackpackStreamErrorCode.SubscriptionRejected, 4006, "trade.SOL_USDC"), (error.ErrorCode, error.ServerCode, error.StreamName));

        // The other one was never suspect on its own: it is sent again and accepted.
        var again = await h.ReadRequestAsync();
        Assert.Equal(["depth.SOL_USDC"], again.GetProperty("params").EnumerateArray().Select(p => p.GetString()));
        h.Connection.PushText(TestStreams.Frame("depth.SOL_USDC", "{}"));
        await using var depth = await second.OrTimeout();
        Assert.Equal("depth.SOL_USDC", depth.StreamName);
        Assert.Equal(0, h.Client.UnattributedErrorCount);
    }

    [Fact]
    public async Task ErrorFrame_WithNothingInFlight_IsCountedAndLogged()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
        Assert.Equal(1, h.Client.UnattributedErrorCount);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[UnattributedServerError]") && e.Contains("4006"));
    }

    [Fact]
    public async Task PrivateSubscribe_WithoutCredentials_FailsBeforeAnythingIsSent()
    {
        await using var h = new ClientHarness();

        var error = await Assert.ThrowsAsync<BackpackStreamException>(
            () => h.Client.SubscribeAsync(TestStreams.Raw("account.orderUpdate")));

        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, error.ErrorCode);
        Assert.Equal("account.orderUpdate", error.StreamName);
        Assert.Equal(0, h.Connector.AttemptCount);
    }

    [Fact]
    public async Task PrivateSubscribe_IsSignedWithAVerifiableSignature()
    {
        await using var h = ClientHarness.WithCredentials(o => o.SignatureWindow = TimeSpan.FromSeconds(7));
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("account.orderUpdate"));

        var request = await h.ReadRequestAsync();
        var signature = request.GetProperty("signature").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var expectedTimestamp = h.Time.GetUtcNow().ToUnixTimeMilliseconds();

        Assert.Equal(4, signature.Length);
        Assert.Equal(TestKeys.PublicKey, signature[0]);
        Assert.Equal(expectedTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature[2]);
        Assert.Equal("7000", signature[3]);
        Assert.True(TestKeys.Verifies(signature[1], $"instruction=subscribe&timestamp={expectedTimestamp}&window=7000"));
        Assert.Equal(["account.orderUpdate"], request.GetProperty("params").EnumerateArray().Select(e => e.GetString()));

        h.Connection.PushText(TestStreams.Frame("account.orderUpdate", "{}"));
        await using var orders = await pending.OrTimeout();
    }

    [Fact]
    public async Task PrivateSubscribe_IsSignedAfreshEachTimeItIsSent()
    {
        await using var h = ClientHarness.WithCredentials();
        var (orders, first) = await h.SubscribeConfirmedAsync("account.orderUpdate");
        await orders.DisposeAsync().OrTimeout();
        await h.ReadRequestAsync(); // UNSUBSCRIBE
        h.Time.Advance(TimeSpan.FromMinutes(5));

        var (_, second) = await h.SubscribeConfirmedAsync("account.orderUpdate");

        var firstTimestamp = long.Parse(first.GetProperty("signature")[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var secondTimestamp = long.Parse(second.GetProperty("signature")[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(firstTimestamp + 300_000, secondTimestamp);
        Assert.NotEqual(first.GetProperty("signature")[1].GetString(), second.GetProperty("signature")[1].GetString());
    }

    [Fact]
    public async Task PrivateSubscribe_Rejected4003_FailsWithAuthenticationFailed()
    {
        await using var h = ClientHarness.WithCredentials();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("account.balanceUpdate"));
        await h.ReadRequestAsync();

        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4003,\"message\":\"Invalid signature\"}}");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        Assert.Equal(BackpackStreamErrorCode.AuthenticationFailed, error.ErrorCode);
        Assert.Equal(4003, error.ServerCode);
        Assert.DoesNotContain(TestKeys.SecretSeed, error.ToString());
    }

    [Fact]
    public async Task MarketDataConsumer_ThatFallsBehind_LosesItsOldestItemsAndCountsThem()
    {
        await using var h = new ClientHarness(o => o.StreamCapacity = 3);
        var (slow, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":0}");
        var fast = await h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")).OrTimeout();

        // The fast consumer reads each item before the next arrives; the slow one does not read at all.
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        var fastReader = fast.GetAsyncEnumerator(cts.Token);
        var fastItems = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", $"{{\"id\":{i}}}"));
            Assert.True(await fastReader.MoveNextAsync());
            fastItems.Add(fastReader.Current);
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{{\"id\":{i}}}"), fastItems);
        Assert.Equal(3, slow.DroppedCount);
        Assert.Equal(["{\"id\":3}", "{\"id\":4}", "{\"id\":5}"], await SubscriptionReads.ReadAsync(slow, 3));
        Assert.Equal(0, fast.DroppedCount);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[ItemsDropped]"));
    }

    [Fact]
    public async Task PrivateConsumer_ThatFallsBehind_FailsWithSlowConsumerAfterItsBufferedItems()
    {
        await using var h = ClientHarness.WithCredentials(o => o.PrivateStreamCapacity = 2);
        var (orders, _) = await h.SubscribeConfirmedAsync("account.orderUpdate", "{\"id\":0}");
        h.Connection.PushText(TestStreams.Frame("account.orderUpdate", "{\"id\":1}"));
        h.Connection.PushText(TestStreams.Frame("account.orderUpdate", "{\"id\":2}"));

        // The overflow releases the subscription: its UNSUBSCRIBE shows the fault happened before anything was read.
        var unsubscribe = await h.ReadRequestAsync();
        Assert.Equal("UNSUBSCRIBE", unsubscribe.GetProperty("method").GetString());
        var received = new List<string>();
        var error = await Assert.ThrowsAsync<BackpackStreamException>(async () =>
        {
            await foreach (var item in orders.WithCancellation(new CancellationTokenSource(TestTimeouts.Hang).Token))
            {
                received.Add(item);
            }
        });

        Assert.Equal(BackpackStreamErrorCode.SlowConsumer, error.ErrorCode);
        Assert.Equal(["{\"id\":0}", "{\"id\":1}"], received);
        Assert.Equal(0, orders.DroppedCount);
    }

    [Fact]
    public async Task FragmentedMessage_IsReassembled()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");
        var big = "{\"id\":2,\"pad\":\"" + new string('x', 100_000) + "\"}";

        h.Connection.PushFragmented(TestStreams.Frame("trade.SOL_USDC", big), fragmentSize: 7);

        Assert.Equal(["{\"id\":1}", big], await SubscriptionReads.ReadAsync(trades, 2));
    }

    [Fact]
    public async Task MessageLargerThanTheMaximum_EndsTheConnectionWithMessageTooLarge()
    {
        await using var h = new ClientHarness(o =>
        {
            o.MaxMessageSize = 4096;
            o.ReconnectPolicy = BackpackReconnectPolicy.Never;
        });
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushFragmented(TestStreams.Frame("trade.SOL_USDC", "{\"pad\":\"" + new string('x', 5000) + "\"}"), 1000);

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.MessageTooLarge, error.ErrorCode);
        Assert.True(h.Connection.IsAborted);
        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
    }

    [Fact]
    public async Task MalformedFrames_AreCountedAndSkipped_AndTheNextFrameIsDelivered()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushText("not json");
        h.Connection.PushText("{\"data\":{\"id\":9}");
        h.Connection.PushText("[1,2,3]");
        h.Connection.PushText("{\"stream\":\"trade.SOL_USDC\"}");
        h.Connection.PushText("{\"stream\":\"trade.SOL_USDC\",\"data\":[1]}");
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"id\":2}"));

        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
        Assert.Equal(5, h.Client.ParseFailureCount);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
    }

    [Fact]
    public async Task PayloadParserFailure_CostsOneFrameOnly()
    {
        await using var h = new ClientHarness();
        var stream = new BackpackStream<int>("trade.SOL_USDC", static data => data.Length < 10 ? data.Length : throw new Backpack.WebSockets.Protocol.PayloadFormatException("too long"));
        var pending = h.Client.SubscribeAsync(stream);
        await h.ReadRequestAsync();
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{}"));
        await using var subscription = await pending.OrTimeout();

        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"long\":\"payload\"}"));
        h.Connection.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"a\":1}"));

        Assert.Equal([2, 7], await SubscriptionReads.ReadAsync(subscription, 2));
        Assert.Equal(1, h.Client.ParseFailureCount);
        Assert.Equal(1, subscription.ParseFailureCount);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[PayloadRejected]") && e.Contains("trade.SOL_USDC"));
    }

    [Fact]
    public async Task ServerCloseFrame_WithReconnectDisabled_EndsSubscriptionsWithServerClosedAndRaisesClosed()
    {
        await using var h = new ClientHarness(o => o.ReconnectPolicy = BackpackReconnectPolicy.Never);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Client.Closed += ex =>
        {
            closed.TrySetResult(ex);
            return Task.CompletedTask;
        };
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        h.Connection.PushClose(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.ServerClosed, error.ErrorCode);
        Assert.Equal(((int)WebSocketCloseStatus.EndpointUnavailable, "server shutting down"), (error.CloseStatus, error.CloseStatusDescription));
        Assert.Contains("server shutting down", error.Message);
        Assert.True(error.IsTransient);
        Assert.Same(error, await closed.Task.OrTimeout());
        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
        Assert.Equal(1, h.Connection.CloseCallCount);
    }

    [Fact]
    public async Task AbruptDrop_WithReconnectDisabled_EndsSubscriptions_AndTheNextSubscribeConnectsAgain()
    {
        await using var h = new ClientHarness(o => o.ReconnectPolicy = BackpackReconnectPolicy.Never);
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.ConnectionLost, error.ErrorCode);
        Assert.IsType<WebSocketException>(error.InnerException);
        await h.WaitForClosedAsync();

        var (again, request) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":7}");
        Assert.Equal(2, h.Connector.AttemptCount);
        Assert.Equal("SUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Equal(["{\"id\":7}"], await SubscriptionReads.ReadAsync(again, 1));
    }

    [Fact]
    public async Task ConnectFailure_SurfacesAsConnectionFailedWithTheHttpStatus()
    {
        await using var h = new ClientHarness();
        h.Connector.FailNext(new BackpackStreamException(BackpackStreamErrorCode.ConnectionFailed, "HTTP 503") { HttpStatusCode = 503 });

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")));

        Assert.Equal(BackpackStreamErrorCode.ConnectionFailed, error.ErrorCode);
        Assert.Equal(503, error.HttpStatusCode);
        Assert.Equal(BackpackConnectionState.Disconnected, h.Client.State);
    }

    [Fact]
    public async Task ConnectFailure_OfAnotherType_IsWrappedAsConnectionFailed()
    {
        await using var h = new ClientHarness();
        h.Connector.FailNext(new WebSocketException("refused"));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.ConnectAsync());

        Assert.Equal(BackpackStreamErrorCode.ConnectionFailed, error.ErrorCode);
        Assert.IsType<WebSocketException>(error.InnerException);
    }

    [Fact]
    public async Task SubscribeAsync_CancelledWhileWaiting_ReleasesAndThrowsOperationCanceled()
    {
        await using var h = new ClientHarness();
        using var cts = new CancellationTokenSource();
        var pending = h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC"), cts.Token);
        await h.ReadRequestAsync();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.OrTimeout());
        var request = await h.ReadRequestAsync();
        Assert.Equal("UNSUBSCRIBE", request.GetProperty("method").GetString());
        Assert.Empty(h.Client.ActiveStreams);
    }

    [Fact]
    public async Task DisposeAsync_EndsSubscriptionsWithClientClosed_AndIsIdempotent()
    {
        var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC", "{\"id\":1}");

        await h.Client.DisposeAsync().OrTimeout();
        await h.Client.DisposeAsync().OrTimeout();

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => SubscriptionReads.ReadToEndAsync(trades));
        Assert.Equal(BackpackStreamErrorCode.ClientClosed, error.ErrorCode);
        Assert.Equal(BackpackConnectionState.Closed, h.Client.State);
        Assert.Equal(1, h.Connection.CloseCallCount);
        Assert.True(h.Connection.IsAborted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Client.SubscribeAsync(TestStreams.Raw("trade.SOL_USDC")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Client.ConnectAsync());
    }

    [Fact]
    public async Task DisposeAsync_ServerNeverAnswersTheClose_CompletesAfterTheCloseTimeout()
    {
        var h = new ClientHarness(o => o.CloseTimeout = TimeSpan.FromSeconds(2));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connection.AnswerClose = false;

        var disposing = h.Client.DisposeAsync().AsTask();
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.False(disposing.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(2));

        await disposing.OrTimeout();
        Assert.True(h.Connection.IsAborted);
    }

    [Fact]
    public async Task SubscribeAsync_SameNameWithAnotherItemType_ThrowsInvalidOperation()
    {
        await using var h = new ClientHarness();
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        var other = new BackpackStream<int>("trade.SOL_USDC", static data => data.Length);
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.SubscribeAsync(other));
    }

    [Fact]
    public async Task Subscription_CanBeEnumeratedOnce()
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.SOL_USDC");

        await using var enumerator = trades.GetAsyncEnumerator();
        Assert.Throws<InvalidOperationException>(() => trades.GetAsyncEnumerator());
    }

    [Fact]
    public void Constructor_ApiKeyThatDoesNotMatchTheSecret_ThrowsWithoutEchoingTheSecret()
    {
        var options = new BackpackStreamClientOptions { ApiKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", ApiSecret = TestKeys.SecretSeed };

        var error = Assert.Throws<ArgumentException>(() => new BackpackStreamClient(options));

        Assert.DoesNotContain(TestKeys.SecretSeed, error.Message);
        Assert.Contains("ApiKey", error.Message);
    }

    [Fact]
    public void Constructor_DerivesTheApiKeyFromTheSecret()
    {
        var client = new BackpackStreamClient(new BackpackStreamClientOptions { ApiSecret = TestKeys.SecretSeed });

        Assert.Equal(TestKeys.PublicKey, client.ApiKey);
        Assert.Equal(BackpackConnectionState.Disconnected, client.State);
    }

    [Fact]
    public void Constructor_OptionsAreCopied()
    {
        var options = new BackpackStreamClientOptions { StreamCapacity = 5 };
        var client = new BackpackStreamClient(options);

        options.StreamCapacity = 6;

        Assert.Equal(5, client.Options.StreamCapacity);
    }
}
