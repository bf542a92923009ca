using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Tests.Fakes;
using static Backpack.WebSockets.Tests.OrderBook.DepthJson;

namespace Backpack.WebSockets.Tests.OrderBook;

public sealed class BackpackOrderBookTests
{
    private static (decimal, decimal)[] Levels(IReadOnlyList<Models.PriceLevel> levels) => [.. levels.Select(l => (l.Price, l.Quantity))];

    [Fact]
    public async Task StartAsync_BuffersUpdates_DropsThoseInTheSnapshot_AndAppliesTheRest()
    {
        await using var h = new BookHarness();
        var start = await h.StartAsync();
        Assert.Equal(OrderBookState.Syncing, h.Book.State);

        h.PushDiff(1000, 1000, [L("98", "5")], []);
        h.PushDiff(1001, 1001, [L("99.5", "2")], [L("101", "0.00")]);
        var request = await h.Http.NextRequestAsync();
        Assert.Equal("https://rest.fake.test/api/v1/depth?symbol=SOL_USDC&limit=1000", request.RequestUri!.AbsoluteUri);
        h.Http.RespondJson(Snapshot(1000, [L("98.5", "4"), L("99", "1")], [L("101", "3"), L("102", "7")]));
        await start.OrTimeout();

        var book = await h.WaitForAsync(s => s.LastUpdateId == 1001);
        Assert.Equal(OrderBookState.Synced, book.State);
        Assert.Equal([(99.5m, 2m), (99m, 1m), (98.5m, 4m)], Levels(book.Bids));
        Assert.Equal([(102m, 7m)], Levels(book.Asks));
        Assert.Equal(new Models.PriceLevel(99.5m, 2m), h.Book.BestBid);
        Assert.Equal(new Models.PriceLevel(102m, 7m), h.Book.BestAsk);
        Assert.Equal(0, h.Book.ResyncCount);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[OrderBookSynced]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_IsRequestedWithTheConfiguredLimit()
    {
        await using var h = new BookHarness(o => o.SnapshotLimit = 50);
        _ = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);

        var request = await h.Http.NextRequestAsync();

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/api/v1/depth?symbol=SOL_USDC&limit=50", request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task StartAsync_SnapshotOlderThanTheFirstUpdate_FetchesAgainAfterBackoff()
    {
        await using var h = new BookHarness(o => o.RetryDelay = TimeSpan.FromSeconds(3));
        var start = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);
        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(990, [L("99", "1")], [L("101", "3")]));

        // The snapshot lags the stream: the book waits out the backoff on the client's clock, then asks again.
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3)).OrTimeout();
        Assert.Equal(1, h.Http.RequestCount);
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(1000, [L("99", "1")], [L("101", "3")]));
        await start.OrTimeout();

        Assert.Equal(2, h.Http.RequestCount);
        Assert.Equal(1001, h.Book.LastUpdateId);
        Assert.Equal(99.5m, h.Book.BestBid?.Price);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[OrderBookSnapshotTooOld]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_Http429_IsRetriedAfterRetryAfter_AndLogged()
    {
        await using var h = new BookHarness(o => o.RetryDelay = TimeSpan.FromSeconds(3));
        var start = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);
        await h.Http.NextRequestAsync();
        var tooMany = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        tooMany.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        h.Http.Respond(tooMany);

        // Retry-After (7 s) wins over the 3 s backoff.
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7)).OrTimeout();
        h.Time.Advance(TimeSpan.FromSeconds(7));
        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(1000, [L("99", "1")], [L("101", "3")]));
        await start.OrTimeout();

        Assert.Equal(OrderBookState.Synced, h.Book.State);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[OrderBookSnapshotFailed]", StringComparison.Ordinal) && e.Contains("429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_Http400_FaultsStartAsyncWithSnapshotFailed()
    {
        await using var h = new BookHarness();
        var start = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);
        await h.Http.NextRequestAsync();
        h.Http.RespondJson("{\"code\":\"INVALID_SYMBOL\",\"message\":\"Invalid symbol\"}", HttpStatusCode.BadRequest);

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => start).OrTimeout();
        Assert.Equal(BackpackStreamErrorCode.SnapshotFailed, error.ErrorCode);
        Assert.Equal(400, error.HttpStatusCode);
        Assert.Equal(1, h.Http.RequestCount);
        Assert.Equal(OrderBookState.Stale, h.Book.State);
    }

    [Fact]
    public async Task Snapshot_AttemptsExhausted_FaultsStartAsync()
    {
        await using var h = new BookHarness(o =>
        {
            o.MaxSnapshotAttempts = 2;
            o.RetryDelay = TimeSpan.FromSeconds(3);
        });
        var start = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);
        await h.Http.NextRequestAsync();
        h.Http.Respond(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3)).OrTimeout();
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.Http.NextRequestAsync();
        h.Http.Respond(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => start).OrTimeout();
        Assert.Equal(BackpackStreamErrorCode.SnapshotFailed, error.ErrorCode);
        Assert.Contains("after 2 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Http.RequestCount);
    }

    [Fact]
    public async Task Snapshot_TimeoutOnTheClientsClock_IsRetried()
    {
        await using var h = new BookHarness(o =>
        {
            o.SnapshotTimeout = TimeSpan.FromSeconds(20);
            o.RetryDelay = TimeSpan.FromSeconds(3);
        });
        var start = await h.StartAsync();
        h.PushDiff(1001, 1001, [L("99.5", "2")], []);
        await h.OrTimeoutWithLogAsync(h.Http.NextRequestAsync());
        await h.OrTimeoutWithLogAsync(h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(20)));
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await h.OrTimeoutWithLogAsync(h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3)));
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.OrTimeoutWithLogAsync(h.Http.NextRequestAsync());
        h.Http.RespondJson(Snapshot(1000, [L("99", "1")], [L("101", "3")]));
        await h.OrTimeoutWithLogAsync(start);

        Assert.Equal(OrderBookState.Synced, h.Book.State);
        Assert.Contains(h.Logs.Entries, e => e.Contains("[OrderBookSnapshotFailed]", StringComparison.Ordinal) && e.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_SymbolRejectedWith4006_ThrowsSubscriptionRejected()
    {
        await using var h = new BookHarness();
        var start = await h.StartAsync();
        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => start).OrTimeout();
        Assert.Equal(BackpackStreamErrorCode.SubscriptionRejected, error.ErrorCode);
        Assert.Equal(4006, error.ServerCode);
        Assert.Equal(0, h.Http.RequestCount);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Book.StartAsync());
        Assert.Contains("SOL_USDC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gap_MarksStaleAtOnce_CountsAndLogsTheResync_ThenResyncs()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();
        h.PushDiff(1002, 1002, [L("99.6", "1")], []);
        await h.WaitForAsync(s => s.LastUpdateId == 1002);

        h.PushDiff(1005, 1005, [L("99.7", "1")], []);
        var stale = await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        Assert.Empty(stale.Bids);
        Assert.Null(h.Book.BestBid);
        Assert.Equal(1, h.Book.ResyncCount);
        Assert.Contains(h.Logs.Entries, BookHarness.ResyncLogged("Gap"));

        // The update that showed the gap is the first of the new chain: a snapshot at 1004 covers it.
        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(1004, [L("99", "1")], [L("101", "3")]));
        var synced = await h.WaitForAsync(s => s.State == OrderBookState.Synced);
        Assert.Equal(1005, synced.LastUpdateId);
        Assert.Equal([(99.7m, 1m), (99m, 1m)], Levels(synced.Bids));
        Assert.Equal(1, h.Book.ResyncCount);
    }

    [Fact]
    public async Task DuplicateUpdate_IsIgnored()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();
        h.PushDiff(1002, 1002, [L("99.6", "1")], []);
        h.PushDiff(1002, 1002, [L("99.6", "9")], []);
        h.PushDiff(1003, 1003, [L("99.8", "1")], []);

        var book = await h.WaitForAsync(s => s.LastUpdateId == 1003);
        Assert.Equal(OrderBookState.Synced, book.State);
        Assert.Equal([(99.8m, 1m), (99.6m, 1m), (99.5m, 2m), (99m, 1m)], Levels(book.Bids));
    }

    [Fact]
    public async Task CrossedBook_MarksStale()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();

        h.PushDiff(1002, 1002, [L("101.5", "1")], []);
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);

        Assert.Equal(1, h.Book.ResyncCount);
        Assert.Contains(h.Logs.Entries, BookHarness.ResyncLogged("CrossedBook"));
    }

    [Fact]
    public async Task ConnectionLostMarker_MarksStale_KeepsTheSubscription_AndResyncsFromLaterUpdates()
    {
        var feed = new FakeDepthFeed();
        await using var book = new BackpackOrderBook(feed, BookHarness.Symbol, null);
        var subscription = await StartSyncedOnFeedAsync(feed, book);

        subscription.PushConnectionLost();
        await WaitForStateAsync(book, OrderBookState.Stale);
        Assert.Equal(1, book.ResyncCount);
        Assert.Equal(1, feed.ResyncCount);
        Assert.Contains(feed.Logs.Entries, BookHarness.ResyncLogged("Reconnected"));

        subscription.Push(Diff(1050, "99.2"));
        await feed.AnswerNextSnapshotAsync(new DepthSnapshot(1049, [new(99m, 1m)], [new(101m, 3m)]));
        var synced = await WaitForStateAsync(book, OrderBookState.Synced);

        Assert.Equal(1050, synced.LastUpdateId);
        Assert.Equal([(99.2m, 1m), (99m, 1m)], Levels(synced.Bids));
        Assert.Single(feed.Subscriptions);
        Assert.False(subscription.IsDisposed);
    }

    [Fact]
    public async Task ResyncCount_MovesOnlyAfterTheStaleBookIsPublished()
    {
        // A reader that polls "ResyncCount == n && State == Synced" must not see the new count with the old Synced book.
        var feed = new FakeDepthFeed();
        await using var book = new BackpackOrderBook(feed, BookHarness.Symbol, null);
        var subscription = await StartSyncedOnFeedAsync(feed, book);
        var seen = new TaskCompletionSource<(int Count, OrderBookState State)>(TaskCreationOptions.RunContinuationsAsynchronously);
        feed.Resynced = () => seen.TrySetResult((book.ResyncCount, book.State));

        subscription.Push(Diff(1005, "99.2"));

        Assert.Equal((1, OrderBookState.Stale), await seen.Task.OrTimeout());
    }

    [Fact]
    public async Task SnapshotFetchedBeforeAResync_IsDiscarded()
    {
        var feed = new FakeDepthFeed();
        await using var book = new BackpackOrderBook(feed, BookHarness.Symbol, null);
        var start = book.StartAsync();
        var subscription = await feed.NextSubscriptionAsync();
        subscription.Push(Diff(1001, "99.5"));
        var stale = await feed.NextSnapshotRequestAsync();

        // The connection is lost while the snapshot is in flight: when it lands, it belongs to the old generation.
        subscription.PushConnectionLost();
        await feed.Logs.WaitForEntryAsync("[OrderBookSyncRestarted]");
        stale.TrySetResult(new DepthSnapshot(1000, [new(95m, 1m)], [new(101m, 3m)]));

        // The discard runs on the old fetch's own thread: wait for it, or the book may sync (and the test assert) first.
        await feed.Logs.WaitForEntryAsync("[OrderBookSnapshotDiscarded]");
        subscription.Push(Diff(1060, "99.2"));
        await feed.AnswerNextSnapshotAsync(new DepthSnapshot(1059, [new(99m, 1m)], [new(101m, 3m)]));
        await start.OrTimeout();

        Assert.Equal(1060, book.LastUpdateId);
        Assert.Equal([(99.2m, 1m), (99m, 1m)], Levels(book.GetSnapshot().Bids));

        // Not counted as a resync: the book had never been in sync.
        Assert.Equal(0, book.ResyncCount);
    }

    [Fact]
    public async Task UpdatesBeforeTheConnectionLostMarker_AreApplied_AndTheBookResyncsOnceFromTheUpdatesAfterIt()
    {
        var feed = new FakeDepthFeed();
        await using var book = new BackpackOrderBook(feed, BookHarness.Symbol, null);
        var subscription = await StartSyncedOnFeedAsync(feed, book);

        // The old connection's last updates chain on from the book: they are good data, read before the marker.
        for (var id = 1002; id <= 1004; id++)
        {
            subscription.Push(Diff(id, "98", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        await WaitForAsync(book, s => s.LastUpdateId == 1004);
        subscription.PushConnectionLost();
        subscription.Push(Diff(2001, "99.3"));
        await feed.AnswerNextSnapshotAsync(new DepthSnapshot(2000, [new(99m, 1m)], [new(101m, 3m)]));
        var synced = await WaitForAsync(book, s => s.State == OrderBookState.Synced && s.LastUpdateId == 2001);

        Assert.Equal([(99.3m, 1m), (99m, 1m)], Levels(synced.Bids));
        Assert.Equal(1, book.ResyncCount);
        Assert.Equal(2, feed.SnapshotRequestCount);
    }

    [Fact]
    public async Task ClientReconnect_MarksStaleAtOnce_AndResyncsOnTheResubscribedStream()
    {
        await using var h = new BookHarness();
        await DropSyncedBookAsync(h);
        Assert.Contains(h.Logs.Entries, BookHarness.ResyncLogged("Reconnected"));

        // The client itself subscribes again on its new connection; the book keeps its subscription.
        var synced = await ResyncOnSecondConnectionAsync(h);

        Assert.Equal(2001, synced.LastUpdateId);
        Assert.Equal([(99.3m, 1m), (99m, 1m)], Levels(synced.Bids));
        Assert.Equal(1, h.Book.ResyncCount);
        Assert.Equal(2, h.Connector.Connections.Count);
    }

    [Fact]
    public async Task SubscriptionLostWithTheConnection_WithoutReconnects_Resubscribes_AndResyncs()
    {
        await using var h = new BookHarness(configureClient: o => o.ReconnectPolicy = BackpackReconnectPolicy.Never);
        await DropSyncedBookAsync(h);
        Assert.Contains(h.Logs.Entries, BookHarness.ResyncLogged("ConnectionLost"));

        // The book subscribes again, which connects again.
        var synced = await ResyncOnSecondConnectionAsync(h);

        Assert.Equal(2001, synced.LastUpdateId);
        Assert.Equal(1, h.Book.ResyncCount);
    }

    /// <summary>Syncs the book, then drops its connection and waits until the book is Stale (one resync counted).</summary>
    private static async Task DropSyncedBookAsync(BookHarness h)
    {
        await h.StartSyncedAsync();
        h.Connection.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "gone"));
        await h.WaitForAsync(s => s.State == OrderBookState.Stale);
        Assert.Equal(1, h.Book.ResyncCount);
    }

    /// <summary>Expects the depth SUBSCRIBE on the second connection, then syncs the book there at update 2001.</summary>
    private static async Task<OrderBookSnapshot> ResyncOnSecondConnectionAsync(BookHarness h)
    {
        var second = await h.Connector.WaitForConnectionAsync(1).WaitAsync(TestTimeouts.Hang);
        Assert.Contains("depth.SOL_USDC", await second.ReadSentAsync().WaitAsync(TestTimeouts.Hang));
        return await ResyncFromAsync(h, 2001, "99.3");
    }

    /// <summary>Pushes update <paramref name="id"/> (one bid at <paramref name="bid"/>), answers its snapshot at id - 1 and waits for the sync.</summary>
    private static async Task<OrderBookSnapshot> ResyncFromAsync(BookHarness h, long id, string bid)
    {
        h.PushDiff(id, id, [L(bid, "1")], []);
        await h.Http.NextRequestAsync();
        h.Http.RespondJson(Snapshot(id - 1, [L("99", "1")], [L("101", "3")]));
        return await h.WaitForAsync(s => s.State == OrderBookState.Synced);
    }

    [Fact]
    public async Task UpdatesDroppedBeforeAnUpdate_MarkStale_AsDrops()
    {
        var feed = new FakeDepthFeed();
        await using var book = new BackpackOrderBook(feed, BookHarness.Symbol, null);
        var subscription = await StartSyncedOnFeedAsync(feed, book);

        // 1002..1005 were dropped by the subscription: the ids would show a gap too, but the drop is the cause.
        subscription.Push(Diff(1006, "99.6"), droppedBefore: true);

        await WaitForStateAsync(book, OrderBookState.Stale);
        Assert.Equal(1, book.ResyncCount);
        Assert.Contains(feed.Logs.Entries, BookHarness.ResyncLogged("UpdatesDropped"));
        Assert.DoesNotContain(feed.Logs.Entries, BookHarness.ResyncLogged("Gap"));
    }

    /// <summary>Starts a book on <paramref name="feed"/> and syncs it at update 1001 (snapshot at 1000, one level each side).</summary>
    private static async Task<FakeDepthFeed.FakeDepthSubscription> StartSyncedOnFeedAsync(FakeDepthFeed feed, BackpackOrderBook book)
    {
        var start = book.StartAsync();
        var subscription = await feed.NextSubscriptionAsync();
        subscription.Push(Diff(1001, "99.5", "2"));
        await feed.AnswerNextSnapshotAsync(new DepthSnapshot(1000, [new(99m, 1m)], [new(101m, 3m)]));
        await start.OrTimeout();
        return subscription;
    }

    private static DepthUpdate Diff(long id, string bid, string quantity = "1") => new()
    {
        Symbol = BookHarness.Symbol,
        FirstUpdateId = id,
        LastUpdateId = id,
        Bids = [new(decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture))],
        Asks = [],
    };

    private static Task<OrderBookSnapshot> WaitForStateAsync(BackpackOrderBook book, OrderBookState state) => WaitForAsync(book, s => s.State == state);

    private static async Task<OrderBookSnapshot> WaitForAsync(BackpackOrderBook book, Func<OrderBookSnapshot, bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var snapshot in book.WatchAsync(int.MaxValue, cts.Token))
        {
            if (condition(snapshot))
            {
                return snapshot;
            }
        }

        throw new InvalidOperationException("The book ended before the condition held.");
    }

    [Fact]
    public async Task WatchAsync_SlowReader_GetsTheLatestBook_NotAQueue()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();
        await h.WaitForAsync(s => s.LastUpdateId == 1001);
        await using var watcher = h.Book.WatchAsync(1).GetAsyncEnumerator();
        Assert.True(await watcher.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(1001, watcher.Current.LastUpdateId);

        h.PushDiff(1002, 1002, [L("99.6", "1")], []);
        h.PushDiff(1003, 1003, [L("99.7", "1")], []);
        h.PushDiff(1004, 1004, [L("99.8", "1")], []);
        await h.WaitForAsync(s => s.LastUpdateId == 1004);

        Assert.True(await watcher.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(1004, watcher.Current.LastUpdateId);
        Assert.Equal([(99.8m, 1m)], Levels(watcher.Current.Bids));
        Assert.Single(watcher.Current.Asks);
    }

    [Fact]
    public async Task GetSnapshot_CutsToDepth_BestFirst()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();
        var full = await h.WaitForAsync(s => s.LastUpdateId == 1001);

        var top = h.Book.GetSnapshot(1);

        Assert.Equal(2, full.Bids.Count);
        Assert.Equal([(99.5m, 2m)], Levels(top.Bids));
        Assert.Equal([(101m, 3m)], Levels(top.Asks));
        Assert.Equal(1001, top.LastUpdateId);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Book.GetSnapshot(-1));
    }

    [Fact]
    public async Task DisposeAsync_ReleasesTheSubscription_AndEndsWatchers()
    {
        await using var h = new BookHarness();
        await h.StartSyncedAsync();
        var watching = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in h.Book.WatchAsync(5))
            {
                count++;
            }

            return count;
        });

        await h.Book.DisposeAsync().OrTimeout();

        Assert.Contains("UNSUBSCRIBE", await h.Connection.ReadSentAsync().WaitAsync(TestTimeouts.Hang));
        Assert.True(await watching.OrTimeout() >= 1);
        Assert.Empty(h.Client.ActiveStreams);
        Assert.Throws<ObjectDisposedException>(() => h.Book.StartAsync().GetAwaiter().GetResult());
    }
}
