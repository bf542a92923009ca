using System.Globalization;
using System.Net.WebSockets;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Tests.OrderBook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moq;
using static Backpack.WebSockets.Tests.OrderBook.DepthJson;

namespace Backpack.WebSockets.Tests.DependencyInjection;

/// <summary>The health check on real clients and books driven by the fake connection and a fake clock; every threshold edge.</summary>
public class BackpackStreamsHealthCheckTests
{
    private static readonly TimeSpan ConnectionDegraded = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ConnectionUnhealthy = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BookDegraded = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BookUnhealthy = TimeSpan.FromSeconds(30);

    /// <summary>Each threshold, one tick before it and at it (a duration equal to a threshold reaches it).</summary>
    public static TheoryData<TimeSpan, HealthStatus> ConnectionEdges() => new()
    {
        { TimeSpan.Zero, HealthStatus.Healthy },
        { ConnectionDegraded - TimeSpan.FromTicks(1), HealthStatus.Healthy },
        { ConnectionDegraded, HealthStatus.Degraded },
        { ConnectionUnhealthy - TimeSpan.FromTicks(1), HealthStatus.Degraded },
        { ConnectionUnhealthy, HealthStatus.Unhealthy },
        { TimeSpan.FromMinutes(59), HealthStatus.Unhealthy },
    };

    public static TheoryData<TimeSpan, HealthStatus> BookEdges() => new()
    {
        { TimeSpan.Zero, HealthStatus.Healthy },
        { BookDegraded - TimeSpan.FromTicks(1), HealthStatus.Healthy },
        { BookDegraded, HealthStatus.Degraded },
        { BookUnhealthy - TimeSpan.FromTicks(1), HealthStatus.Degraded },
        { BookUnhealthy, HealthStatus.Unhealthy },
    };

    [Fact]
    public async Task NewClient_IsHealthyAndIdle()
    {
        await using var h = new ClientHarness();
        h.Time.Advance(TimeSpan.FromDays(3));

        var result = await CheckAsync(Check(h.Client, h.Time));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.StartsWith("Idle", result.Description, StringComparison.Ordinal);
        Assert.Equal("Disconnected", result.Data["state"]);
        Assert.Equal(Iso(h.Time.GetUtcNow().AddDays(-3)), result.Data["stateChangedAt"]);
        Assert.Equal(0, result.Data["activeStreams"]);
        Assert.False(result.Data.ContainsKey("disconnectError"));
    }

    [Fact]
    public async Task Connected_IsHealthy_HoweverLong()
    {
        await using var h = new ClientHarness();
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        var connectedAt = h.Time.GetUtcNow();
        h.Time.Advance(TimeSpan.FromDays(1));

        var result = await CheckAsync(Check(h.Client, h.Time));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("Connected.", result.Description);
        Assert.Equal("Connected", result.Data["state"]);
        Assert.Equal(Iso(connectedAt), result.Data["stateChangedAt"]);
        Assert.Equal(1, result.Data["activeStreams"]);
    }

    [Theory]
    [MemberData(nameof(ConnectionEdges))]
    public async Task Reconnecting_IsJudgedByHowLongSinceTheLoss(TimeSpan elapsed, HealthStatus expected)
    {
        // The policy waits an hour before the first attempt, so the client stays Reconnecting while the test moves the clock.
        await using var h = new ClientHarness(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromHours(1)));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Time.Advance(TimeSpan.FromMinutes(7));
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForEventAsync("Reconnecting");
        var lostAt = h.Time.GetUtcNow();

        h.Time.Advance(elapsed);
        var result = await CheckAsync(Check(h.Client, h.Time));

        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        Assert.Equal(expected, result.Status);
        Assert.Equal("Reconnecting", result.Data["state"]);
        Assert.Equal(Iso(lostAt), result.Data["stateChangedAt"]);
        Assert.StartsWith("Reconnecting for ", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConnectionEdges))]
    public async Task Connecting_IsJudgedLikeReconnecting(TimeSpan elapsed, HealthStatus expected)
    {
        // The fake connector completes at once, so a handshake that lasts is a mocked client.
        var time = new ObservableTimeProvider();
        var client = MockClient(BackpackConnectionState.Connecting, time.GetUtcNow());
        time.Advance(elapsed);

        var result = await CheckAsync(Check(client, time));

        Assert.Equal(expected, result.Status);
        Assert.Equal("Connecting", result.Data["state"]);
    }

    [Fact]
    public async Task ReconnectGaveUp_IsUnhealthyAtOnce_WithTheErrorAndNoSecret()
    {
        await using var h = ClientHarness.WithCredentials(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.Zero, giveUpAfter: 0));
        await h.SubscribeConfirmedAsync("account.orderUpdate", "{\"o\":1}");

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForClosedAsync();
        var result = await CheckAsync(Check(h.Client, h.Time));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Disconnected", result.Data["state"]);
        Assert.Equal(h.Client.DisconnectError!.Message, result.Data["disconnectError"]);
        Assert.Contains("not reconnecting", result.Description, StringComparison.Ordinal);
        Assert.Contains(h.Client.DisconnectError.Message, result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.SecretSeed, result.Description, StringComparison.Ordinal);
        Assert.All(result.Data.Values, v => Assert.DoesNotContain(TestKeys.SecretSeed, Convert.ToString(v, CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconnectGaveUp_ReportsTheRegistrationsFailureStatus()
    {
        await using var h = new ClientHarness(o => o.ReconnectPolicy = new RecordingPolicy(TimeSpan.Zero, giveUpAfter: 0));
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForClosedAsync();

        var result = await CheckAsync(Check(h.Client, h.Time), HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, result.Status);
    }

    [Fact]
    public async Task FailedConnect_IsUnhealthy_UntilAConnectSucceeds()
    {
        await using var h = new ClientHarness();
        var check = Check(h.Client, h.Time);
        h.Connector.FailNext(ReconnectTests.Http(503));
        await Assert.ThrowsAsync<BackpackStreamException>(() => h.Client.ConnectAsync());

        var failed = await CheckAsync(check);
        await h.Client.ConnectAsync().OrTimeout();
        var connected = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Contains("HTTP 503", (string)failed.Data["disconnectError"], StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, connected.Status);
        Assert.False(connected.Data.ContainsKey("disconnectError"));
    }

    [Fact]
    public async Task DisposedClient_IsUnhealthy()
    {
        var h = new ClientHarness();
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        await h.DisposeAsync();

        var result = await CheckAsync(Check(h.Client, h.Time));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Closed", result.Data["state"]);
        Assert.Equal("the client was disposed.", result.Description);
    }

    [Theory]
    [MemberData(nameof(BookEdges))]
    public async Task SyncingBook_IsJudgedByHowLongSinceItWasCreated(TimeSpan elapsed, HealthStatus expected)
    {
        // A book that was never started stays Syncing, with no timer that could move it on.
        await using var h = new BookHarness();
        var createdAt = h.Time.GetUtcNow();
        h.Time.Advance(elapsed);

        var result = await CheckAsync(Check(h.Client, h.Time, h.Book));

        Assert.Equal(expected, result.Status);
        Assert.Equal("Syncing", result.Data["orderBook.SOL_USDC.state"]);
        Assert.Equal(Iso(createdAt), result.Data["orderBook.SOL_USDC.stateChangedAt"]);
        Assert.Equal(0, result.Data["orderBook.SOL_USDC.resyncCount"]);
        Assert.EndsWith("0 of 1 order books synced.", result.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BookEdges))]
    public async Task StaleBook_IsJudgedByHowLongSinceItWentStale(TimeSpan elapsed, HealthStatus expected)
    {
        await using var h = new BookHarness(o => o.SnapshotTimeout = TimeSpan.FromMinutes(5));
        var check = Check(h.Client, h.Time, h.Book);
        await h.StartSyncedAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var synced = await CheckAsync(check);

        h.PushDiff(1005, 1005, [L("99.7", "1")], []);
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        var staleAt = h.Time.GetUtcNow();
        h.Time.Advance(elapsed);
        var stale = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, synced.Status);
        Assert.Equal("Connected. 1 of 1 order books synced.", synced.Description);
        Assert.Equal(expected, stale.Status);
        Assert.Equal(staleAt, h.Book.StateChangedAt);
        Assert.Equal("Stale", stale.Data["orderBook.SOL_USDC.state"]);
        Assert.Equal(Iso(staleAt), stale.Data["orderBook.SOL_USDC.stateChangedAt"]);
        Assert.Equal(1, stale.Data["orderBook.SOL_USDC.resyncCount"]);
        Assert.StartsWith("order book SOL_USDC Stale for ", stale.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResyncedBook_IsHealthyAgain()
    {
        await using var h = new BookHarness(o => o.SnapshotTimeout = TimeSpan.FromMinutes(5));
        var check = Check(h.Client, h.Time, h.Book);
        await h.StartSyncedAsync();
        h.PushDiff(1005, 1005, [L("99.7", "1")], []);
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        h.Time.Advance(BookUnhealthy);
        var stale = await CheckAsync(check);

        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(1004, [L("99", "1")], [L("101", "3")]));
        await h.WaitForAsync(s => s.State == OrderBookState.Synced);
        var synced = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, stale.Status);
        Assert.Equal(HealthStatus.Healthy, synced.Status);
        Assert.Equal(Iso(h.Time.GetUtcNow()), synced.Data["orderBook.SOL_USDC.stateChangedAt"]);
    }

    [Fact]
    public async Task DropUnderABook_ReportsTheWorstOfConnectionAndBook()
    {
        await using var h = new BookHarness(
            o => o.SnapshotTimeout = TimeSpan.FromMinutes(5),
            c => c.ReconnectPolicy = new RecordingPolicy(TimeSpan.FromHours(1)));
        var check = Check(h.Client, h.Time, h.Book);
        await h.StartSyncedAsync();

        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        h.Time.Advance(BookUnhealthy);
        var result = await CheckAsync(check);

        // Thirty seconds of reconnecting is still Healthy for the connection; the book's threshold is shorter.
        Assert.Equal(BackpackConnectionState.Reconnecting, h.Client.State);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Reconnecting for 30 s; order book SOL_USDC Stale for 30 s. 0 of 1 order books synced.", result.Description);
    }

    [Fact]
    public void Options_RejectNegativeThresholds_AndUnhealthyBeforeDegraded()
    {
        var options = new BackpackStreamsHealthCheckOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ConnectionDegradedAfter = TimeSpan.FromTicks(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.OrderBookUnhealthyAfter = TimeSpan.FromTicks(-1));
        Assert.Equal(BackpackStreamsHealthCheckOptions.DefaultConnectionDegradedAfter, options.ConnectionDegradedAfter);

        options.ConnectionUnhealthyAfter = TimeSpan.FromSeconds(14);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(nameof(BackpackStreamsHealthCheckOptions.ConnectionUnhealthyAfter), error.ParamName);

        options.ConnectionUnhealthyAfter = options.ConnectionDegradedAfter;
        options.OrderBookDegradedAfter = TimeSpan.FromMinutes(2);
        error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(nameof(BackpackStreamsHealthCheckOptions.OrderBookUnhealthyAfter), error.ParamName);

        var builder = new ServiceCollection().AddHealthChecks();
        Assert.Throws<ArgumentException>(() => builder.AddBackpackStreams(o => o.OrderBookUnhealthyAfter = TimeSpan.Zero));
    }

    [Fact]
    public async Task Check_CopiesItsOptions()
    {
        var time = new ObservableTimeProvider();
        var client = MockClient(BackpackConnectionState.Reconnecting, time.GetUtcNow());
        var options = Thresholds();
        var check = new BackpackStreamsHealthCheck(client, [], options, time);
        options.ConnectionDegradedAfter = TimeSpan.Zero;

        time.Advance(ConnectionDegraded - TimeSpan.FromTicks(1));

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }

    [Fact]
    public async Task AddBackpackStreams_OnTheHealthChecksBuilder_ChecksTheContainersClientAndBooksOnItsClock()
    {
        var time = new ObservableTimeProvider();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<Backpack.WebSockets.Transport.IWebSocketConnector>(new FakeWebSocketConnector());
        services.AddBackpackStreams(o => o.Endpoint = new Uri("wss://fake.test"));
        services.AddSingleton(sp => new BackpackOrderBook(sp.GetRequiredService<BackpackStreamClient>(), "SOL_USDC"));
        services.AddSingleton(sp => new BackpackOrderBook(sp.GetRequiredService<BackpackStreamClient>(), "BTC_USDC"));
        services.AddHealthChecks().AddBackpackStreams(o => o.OrderBookDegradedAfter = TimeSpan.FromSeconds(20), tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var fresh = await health.CheckHealthAsync();
        time.Advance(TimeSpan.FromSeconds(20));
        var later = await health.CheckHealthAsync();

        var entry = fresh.Entries[BackpackStreamsHealthChecksBuilderExtensions.DefaultName];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(["ready"], entry.Tags);
        Assert.Equal("Syncing", entry.Data["orderBook.SOL_USDC.state"]);
        Assert.Equal("Syncing", entry.Data["orderBook.BTC_USDC.state"]);
        Assert.Equal(HealthStatus.Degraded, later.Entries[BackpackStreamsHealthChecksBuilderExtensions.DefaultName].Status);
        foreach (var book in provider.GetServices<BackpackOrderBook>())
        {
            await book.DisposeAsync();
        }
    }

    private static BackpackStreamsHealthCheckOptions Thresholds() => new()
    {
        ConnectionDegradedAfter = ConnectionDegraded,
        ConnectionUnhealthyAfter = ConnectionUnhealthy,
        OrderBookDegradedAfter = BookDegraded,
        OrderBookUnhealthyAfter = BookUnhealthy,
    };

    [Fact]
    public async Task AccountTracker_NotSynced_TurnsDegradedThenUnhealthy_AndReportsItsState()
    {
        await using var h = new ClientHarness();
        using var rest = new Backpack.WebSockets.Rest.BackpackRestClient(new Backpack.WebSockets.Rest.BackpackRestClientOptions { ApiSecret = TestKeys.SecretSeed });
        await using var tracker = new Backpack.WebSockets.Account.BackpackAccountTracker(h.Client, rest);
        var check = new BackpackStreamsHealthCheck(h.Client, [], [tracker], Thresholds(), h.Time);

        var fresh = await CheckAsync(check);
        h.Time.Advance(BookUnhealthy);
        var late = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Unhealthy, late.Status);
        Assert.Equal("Syncing", late.Data["account.state"]);
        Assert.Equal(0, late.Data["account.reconcileCount"]);
        Assert.Contains("account Syncing for 30 s", late.Description, StringComparison.Ordinal);
    }

    private static BackpackStreamsHealthCheck Check(BackpackStreamClient client, TimeProvider time, params BackpackOrderBook[] books) =>
        new(client, books, Thresholds(), time);

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check, HealthStatus? failureStatus = null) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("backpack-streams", check, failureStatus, null) });

    private static BackpackStreamClient MockClient(BackpackConnectionState state, DateTimeOffset since)
    {
        var client = new Mock<BackpackStreamClient>();
        client.SetupGet(c => c.State).Returns(state);
        client.SetupGet(c => c.StateChangedAt).Returns(since);
        client.SetupGet(c => c.ActiveStreams).Returns(["trade.SOL_USDC"]);
        client.SetupGet(c => c.Connections).Returns([new BackpackConnectionInfo(1, state, since, ["trade.SOL_USDC"], false, false, 0, null, 0)]);
        return client.Object;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
