using Backpack.WebSockets.Account;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Tests.Fakes;
using static Backpack.WebSockets.Tests.Account.AccountModels;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>The tracker's merge rules (spec §9.5.4) and its reconciliation, on the fake seam with a fake clock.</summary>
public sealed class BackpackAccountTrackerTests : IAsyncDisposable
{
    private readonly FakeAccountFeed _feed = new();
    private readonly FakeAccountRest _rest = new();
    private BackpackAccountTracker? _tracker;

    private DateTimeOffset Now => _feed.Time.GetUtcNow();

    public async ValueTask DisposeAsync()
    {
        if (_tracker is not null)
        {
            await _tracker.DisposeAsync();
        }

        _rest.Dispose();
    }

    [Fact]
    public async Task Start_SubscribesAllThreeStreamsBeforeAnyRestRead_ThenIsSynced()
    {
        _rest.OpenOrders.Add(Order(1));
        _rest.SetBalance("USDC", 100m, 450m);
        _rest.Positions.Add(new FuturePosition { Symbol = "SOL_USDC_PERP", PositionId = "9", NetQuantity = 2m, EntryPrice = 150m });
        var subscribedAtFirstRead = -1;
        _rest.InFlight = (name, n) =>
        {
            if (subscribedAtFirstRead < 0)
            {
                subscribedAtFirstRead = _feed.Subscribed.Count;
            }

            return Task.CompletedTask;
        };

        var tracker = await StartAsync();

        Assert.Equal(3, subscribedAtFirstRead);
        Assert.Equal(["account.orderUpdate", "account.positionUpdate", "account.balanceUpdate"], _feed.Subscribed);
        var snapshot = tracker.GetSnapshot();
        Assert.Equal(AccountState.Synced, snapshot.State);
        Assert.Equal(AccountState.Synced, tracker.State);
        Assert.Equal(Order(1), Assert.Single(snapshot.OpenOrders).Value);
        Assert.Equal(100m, snapshot.Balances["USDC"].Available);
        Assert.Equal(2m, snapshot.Positions["SOL_USDC_PERP"].NetQuantity);
        Assert.Equal(0, tracker.ReconcileCount);
    }

    [Fact]
    public async Task RestRowOlderThanABufferedEvent_TheLargerExecutedQuantityWins_BothWays()
    {
        // Order 1: REST is older than the buffered fill. Order 2: the buffered fill is older than REST.
        _rest.OpenOrders.Add(Order(1));
        _rest.OpenOrders.Add(Order(2, OrderStatus.PartiallyFilled, executed: 2m));
        _rest.InFlight = async (name, n) =>
        {
            if (name == "orders" && n == 0)
            {
                await _feed.Orders.PushAsync(Event(1, OrderEventType.OrderFill, OrderStatus.PartiallyFilled, 1m, Now, tradeId: 7, fillQuantity: 1m));
                await _feed.Orders.PushAsync(Event(2, OrderEventType.OrderFill, OrderStatus.PartiallyFilled, 1m, Now, tradeId: 8, fillQuantity: 1m));
            }
        };
        var tracker = CreateTracker();
        var log = new ChangeLog(tracker);

        await tracker.StartAsync().OrTimeout();

        var orders = tracker.GetSnapshot().OpenOrders;
        Assert.Equal((OrderStatus.PartiallyFilled, 1m), (orders["1"].Status, orders["1"].ExecutedQuantity));
        Assert.Equal((OrderStatus.PartiallyFilled, 2m), (orders["2"].Status, orders["2"].ExecutedQuantity));

        // Both fills happened and are published once each, from the stream.
        await log.WaitForAsync(c => c.Count(x => x.Kind == AccountChangeKind.Fill) == 2);
        Assert.All(log.Changes, c => Assert.Equal(AccountChangeSource.Stream, c.Source));
        Assert.Equal([7L, 8L], log.Changes.Where(c => c.Kind == AccountChangeKind.Fill).Select(c => c.Fill!.TradeId!.Value));
    }

    [Fact]
    public async Task TerminalStatusReceivedBeforeAStaleRestOpen_TheOrderStaysClosed_AlsoInALaterReconciliation()
    {
        _rest.OpenOrders.Add(Order(1));
        _rest.InFlight = async (name, n) =>
        {
            if (name == "orders" && n == 0)
            {
                await _feed.Orders.PushAsync(Event(1, OrderEventType.OrderCancelled, OrderStatus.Cancelled, 0m, Now));
            }
        };
        var tracker = await StartAsync();
        Assert.Empty(tracker.GetSnapshot().OpenOrders);
        var log = new ChangeLog(tracker);

        // REST still lists it open (it lags) after a loss: a closed order never opens again.
        await _feed.LoseConnectionAsync();
        _feed.Reconnect();
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Empty(tracker.GetSnapshot().OpenOrders);
        Assert.Equal(AccountState.Synced, tracker.State);
        Assert.DoesNotContain(log.Changes, c => c.Order is not null);
    }

    [Fact]
    public async Task BalanceUpdateRacingTheBalancesRequest_TriggersAReread_AndOneSentBeforeTheRequestLosesToIt()
    {
        _rest.SetBalance("USDC", 100m);
        _rest.SetBalance("SOL", 6m);
        _rest.InFlight = async (name, n) =>
        {
            if (name == "orders" && n == 0)
            {
                // Arrived before the balances request was sent: its answer is at least as new.
                await _feed.Balances.PushAsync(Balance("SOL", 5m, Now));
            }
            else if (name == "balances" && n == 0)
            {
                // Arrived while the request was in flight; the answer may or may not include it.
                await _feed.Balances.PushAsync(Balance("USDC", 90m, Now));
            }
            else if (name == "balances" && n == 1)
            {
                _rest.SetBalance("USDC", 90m);
            }
        };

        var tracker = await StartAsync();

        Assert.Equal(2, _rest.Calls.Count(c => c == "balances"));
        var balances = tracker.GetSnapshot().Balances;
        Assert.Equal(90m, balances["USDC"].Available);
        Assert.Equal(6m, balances["SOL"].Available);

        // After the response, a stream update wins.
        await _feed.Balances.PushAsync(Balance("USDC", 80m, Now));
        Assert.Equal(80m, tracker.GetSnapshot().Balances["USDC"].Available);
    }

    [Fact]
    public async Task Positions_FollowTheStreamsSnapshotOnSubscribe_AndOneGoneWhileAwayIsClosedByReconciliation()
    {
        _rest.Positions.Add(new FuturePosition { Symbol = "SOL_USDC_PERP", PositionId = "9", NetQuantity = 2m, EntryPrice = 150m, NetCost = 300m });
        _rest.Positions.Add(new FuturePosition { Symbol = "BTC_USDC_PERP", PositionId = "10", NetQuantity = -1m, EntryPrice = 60000m });
        _rest.InFlight = async (name, n) =>
        {
            if (name == "positions" && n == 0)
            {
                // The subscribe snapshot (no event type) is what the stream says now.
                await _feed.Positions.PushAsync(new PositionUpdate
                {
                    EventType = PositionEventType.Snapshot, Symbol = "SOL_USDC_PERP", PositionId = 9, NetQuantity = 3m, EntryPrice = 151m, EventTime = Now,
                });
            }
        };
        var tracker = await StartAsync();
        var sol = tracker.GetSnapshot().Positions["SOL_USDC_PERP"];
        Assert.Equal((3m, 151m, 300m), (sol.NetQuantity, sol.EntryPrice, sol.NetCost));
        var log = new ChangeLog(tracker);

        await _feed.LoseConnectionAsync();
        _rest.Positions.RemoveAll(p => p.Symbol == "BTC_USDC_PERP");
        _rest.Positions[0] = _rest.Positions[0] with { NetQuantity = 3m, EntryPrice = 151m };
        _feed.Reconnect();
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Equal(["SOL_USDC_PERP"], tracker.GetSnapshot().Positions.Keys);
        await log.WaitForAsync(c => c.Count == 1);
        var closed = Assert.Single(log.Changes);
        Assert.Equal((AccountChangeKind.PositionClosed, AccountChangeSource.Reconciliation, "BTC_USDC_PERP", 0m), (closed.Kind, closed.Source, closed.Position!.Symbol, closed.Position.NetQuantity));
    }

    [Fact]
    public async Task FillSeenOnTheStreamAndAgainInHistory_IsPublishedOnce_TheMissedOneAsReconciliation()
    {
        _rest.OpenOrders.Add(Order(1));
        var tracker = await StartAsync();
        var log = new ChangeLog(tracker);
        var seenAt = Now;
        await _feed.Orders.PushAsync(Event(1, OrderEventType.OrderFill, OrderStatus.PartiallyFilled, 1m, seenAt, tradeId: 101, fillQuantity: 1m));

        await _feed.LoseConnectionAsync();
        Assert.Equal(AccountState.Stale, tracker.State);

        // While away the order filled completely: it leaves /orders, history has its final state and both fills.
        _rest.OpenOrders.Clear();
        _rest.History.Add(Order(1, OrderStatus.Filled, executed: 3m));
        _rest.Fills.Add(Fill(1, 101, 1m, seenAt));
        _rest.Fills.Add(Fill(1, 102, 2m, seenAt.AddSeconds(1)));
        _feed.Reconnect();
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Equal(AccountState.Synced, tracker.State);
        Assert.Empty(tracker.GetSnapshot().OpenOrders);
        Assert.Equal(1, tracker.ReconcileCount);
        // The reconciliation publishes the closed order before the missed fill: wait for both, not the first alone.
        await log.WaitForAsync(c => c.Any(x => x.Kind == AccountChangeKind.OrderClosed) && c.Any(x => x.Fill?.TradeId == 102));
        var fills = log.Changes.Where(c => c.Kind == AccountChangeKind.Fill).ToList();
        Assert.Equal([(101L, AccountChangeSource.Stream), (102L, AccountChangeSource.Reconciliation)], fills.Select(c => (c.Fill!.TradeId!.Value, c.Source)));
        var closed = Assert.Single(log.Changes, c => c.Kind == AccountChangeKind.OrderClosed);
        Assert.Equal((OrderStatus.Filled, 3m, AccountChangeSource.Reconciliation), (closed.Order!.Status, closed.Order.ExecutedQuantity, closed.Source));

        // History was read from the last event seen, less the look-back.
        Assert.Equal(seenAt - TimeSpan.FromMinutes(1), _rest.FillQueries[^1].From);
        Assert.Equal(2, _feed.ChangesFound);
    }

    [Fact]
    public async Task ConnectionLost_IsStaleAtTheMarker_AndReadsRestOnlyOnceResubscribed()
    {
        var tracker = await StartAsync();
        var callsBefore = _rest.Calls.Count;

        await _feed.LoseConnectionAsync();

        Assert.Equal(AccountState.Stale, tracker.State);
        Assert.Equal(AccountState.Stale, tracker.GetSnapshot().State);
        Assert.Equal(Now, tracker.StateChangedAt);

        // Events of the new connection wait for the snapshot (whose answer, read later, holds them too).
        _rest.SetBalance("USDC", 5m);
        await _feed.Balances.PushAsync(Balance("USDC", 5m, Now));
        Assert.Empty(tracker.GetSnapshot().Balances);
        Assert.Equal(callsBefore, _rest.Calls.Count);

        _feed.Reconnect();
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Equal(AccountState.Synced, tracker.State);
        Assert.Equal(5m, tracker.GetSnapshot().Balances["USDC"].Available);
    }

    [Fact]
    public async Task Http503DuringReconciliation_IsRetriedWithBackoff_StaleUntilItSucceeds_NeverHalfApplied()
    {
        _rest.OpenOrders.Add(Order(1));
        _rest.SetBalance("USDC", 100m);
        var tracker = await StartAsync();
        var log = new ChangeLog(tracker);
        await _feed.LoseConnectionAsync();

        // While away: order 1 cancelled, order 2 placed, the balance moved. The positions read fails twice.
        _rest.OpenOrders.Clear();
        _rest.OpenOrders.Add(Order(2));
        _rest.History.Add(Order(1, OrderStatus.Cancelled));
        _rest.SetBalance("USDC", 70m);
        _rest.InFlight = (name, n) => name == "positions" && n is 1 or 2
            ? throw new BackpackStreamException(BackpackStreamErrorCode.RequestFailed, "Service unavailable.") { HttpStatusCode = 503 }
            : Task.CompletedTask;
        _feed.Reconnect();

        await _feed.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        AssertUnchanged();
        _feed.Time.Advance(TimeSpan.FromSeconds(1));
        await _feed.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        AssertUnchanged();
        _feed.Time.Advance(TimeSpan.FromSeconds(2));
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Equal(AccountState.Synced, tracker.State);
        var snapshot = tracker.GetSnapshot();
        Assert.Equal(["2"], snapshot.OpenOrders.Keys);
        Assert.Equal(70m, snapshot.Balances["USDC"].Available);
        Assert.Equal(3, _rest.Calls.Count(c => c == "positions") - 1);
        Assert.Equal(1, tracker.ReconcileCount);
        await log.WaitForAsync(c => c.Count == 3);
        Assert.All(log.Changes, c => Assert.Equal(AccountChangeSource.Reconciliation, c.Source));
        Assert.Equal(
            [AccountChangeKind.OrderAdded, AccountChangeKind.OrderClosed, AccountChangeKind.BalanceUpdated],
            log.Changes.Select(c => c.Kind).Order());

        void AssertUnchanged()
        {
            Assert.Equal(AccountState.Stale, tracker.State);
            Assert.Equal(["1"], tracker.GetSnapshot().OpenOrders.Keys);
            Assert.Equal(100m, tracker.GetSnapshot().Balances["USDC"].Available);
            Assert.Empty(log.Changes);
        }
    }

    [Fact]
    public async Task SlowWatcher_EndsWithSlowConsumer_AfterItsBufferedChanges_NothingDropped()
    {
        var tracker = await StartAsync(new BackpackAccountTrackerOptions { ChangeCapacity = 1 });
        var enumerator = tracker.WatchAsync().GetAsyncEnumerator();
        var first = enumerator.MoveNextAsync();

        for (var i = 1; i <= 3; i++)
        {
            await _feed.Balances.PushAsync(Balance("USDC", i, Now));
        }

        Assert.True(await first);
        var ex = await Assert.ThrowsAsync<BackpackStreamException>(async () =>
        {
            while (await enumerator.MoveNextAsync())
            {
            }
        }).OrTimeout();
        Assert.Equal(BackpackStreamErrorCode.SlowConsumer, ex.ErrorCode);
        await enumerator.DisposeAsync();

        // The tracker itself is unaffected.
        Assert.Equal(3m, tracker.GetSnapshot().Balances["USDC"].Available);
    }

    [Fact]
    public async Task PeriodicReconciliation_FindsWhatTheStreamsMissed_WhileStayingSynced()
    {
        _rest.SetBalance("USDC", 100m);
        var tracker = await StartAsync(new BackpackAccountTrackerOptions { ReconcileInterval = TimeSpan.FromMinutes(5) });
        var log = new ChangeLog(tracker);
        _rest.SetBalance("USDC", 40m);

        await _feed.Time.WaitForTimerAsync(TimeSpan.FromMinutes(5));
        _feed.Time.Advance(TimeSpan.FromMinutes(5));
        await _feed.WaitForReconciliationsAsync(1);

        Assert.Equal(AccountState.Synced, tracker.State);
        Assert.Equal(40m, tracker.GetSnapshot().Balances["USDC"].Available);
        await log.WaitForAsync(c => c.Count == 1);
        Assert.Equal((AccountChangeKind.BalanceUpdated, AccountChangeSource.Reconciliation), (log.Changes[0].Kind, log.Changes[0].Source));
    }

    [Fact]
    public async Task EndedStream_IsSubscribedAgain_AndTheAccountReconciled()
    {
        var tracker = await StartAsync();
        var first = _feed.Orders;

        first.Fail(new BackpackStreamException(BackpackStreamErrorCode.SlowConsumer, "too slow", "account.orderUpdate"));
        await _feed.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(AccountState.Stale, tracker.State);
        _feed.Time.Advance(TimeSpan.FromSeconds(1));
        await _feed.WaitForReconciliationsAsync(1);

        Assert.NotSame(first, _feed.Orders);
        Assert.Equal(4, _feed.Subscribed.Count);
        Assert.Equal(AccountState.Synced, tracker.State);
    }

    [Fact]
    public async Task StartAsync_FailsOnAFinalRestError()
    {
        _rest.FailNext(1, 401);
        var tracker = CreateTracker();

        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => tracker.StartAsync()).OrTimeout();

        Assert.Equal(401, ex.HttpStatusCode);
        Assert.Equal(AccountState.Syncing, tracker.State);
    }

    private BackpackAccountTracker CreateTracker(BackpackAccountTrackerOptions? options = null)
    {
        _tracker = new BackpackAccountTracker(_feed, _rest, options ?? new BackpackAccountTrackerOptions());
        return _tracker;
    }

    private async Task<BackpackAccountTracker> StartAsync(BackpackAccountTrackerOptions? options = null)
    {
        var tracker = CreateTracker(options);
        await tracker.StartAsync().OrTimeout();
        return tracker;
    }
}
