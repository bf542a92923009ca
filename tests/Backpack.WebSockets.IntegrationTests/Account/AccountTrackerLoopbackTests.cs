using Backpack.WebSockets.Account;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Backpack.WebSockets.IntegrationTests.Account;

/// <summary>
/// The account tracker end to end: the real client and REST client against the fake exchange's account on loopback,
/// the private connection dropped while the account changes.
/// </summary>
public sealed class AccountTrackerLoopbackTests : IAsyncLifetime
{
    private const string Symbol = "SOL_USDC";

    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey });
    private readonly Probe _probe = new();
    private readonly List<AccountChange> _changes = [];
    private readonly ITestOutputHelper _output;

    /// <summary>Runs in the client's Reconnecting handler: the account changes while the private connection is down.</summary>
    private Func<Task> _whileDown = static () => Task.CompletedTask;

    public AccountTrackerLoopbackTests(ITestOutputHelper output) => _output = output;

    private IReadOnlyList<AccountChange> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ChangesWhileDisconnected_AreReconciled_EachPublishedOnceAsReconciliation()
    {
        var account = _server.Account;
        var filled = await account.PlaceOrderAsync(Symbol, Side.Bid, 150m, 2m);
        var partial = await account.PlaceOrderAsync(Symbol, Side.Ask, 151m, 3m);
        var cancelled = await account.PlaceOrderAsync(Symbol, Side.Bid, 149m, 1m);
        await account.SetBalanceAsync("USDC", 1000m, 300m);
        await using var client = CreateClient();
        using var rest = CreateRest();
        await using var tracker = CreateTracker(client, rest);
        var watching = WatchAsync(tracker);

        await tracker.StartAsync().OrTimeout();
        Assert.Equal(AccountState.Synced, tracker.State);
        AssertEqualsExchange(tracker.GetSnapshot());

        Order? placed = null;
        var fills = new List<Fill>();
        _whileDown = async () =>
        {
            fills.Add(await account.FillOrderAsync(filled.Id, 2m));
            fills.Add(await account.FillOrderAsync(partial.Id, 1.25m));
            await account.CancelOrderAsync(cancelled.Id);
            placed = await account.PlaceOrderAsync(Symbol, Side.Bid, 148m, 4m);
            await account.SetBalanceAsync("USDC", 700m, 592m);
        };
        _server.DropAllConnections();

        await _probe.WaitUntilAsync(() => tracker.ReconcileCount >= 1 && IsSyncedWithExchange(tracker) && Changes.Count >= 7);

        var changes = Changes;
        Assert.All(changes, c => Assert.Equal(AccountChangeSource.Reconciliation, c.Source));
        Assert.Equal(fills.Select(f => f.TradeId), changes.Where(c => c.Kind == AccountChangeKind.Fill).Select(c => c.Fill!.TradeId));
        Assert.Equal(
            [(filled.Id, OrderStatus.Filled), (cancelled.Id, OrderStatus.Cancelled)],
            changes.Where(c => c.Kind == AccountChangeKind.OrderClosed).Select(c => (c.Order!.Id, c.Order.Status)).Order());
        var updated = Assert.Single(changes, c => c.Kind == AccountChangeKind.OrderUpdated);
        Assert.Equal((partial.Id, 1.25m), (updated.Order!.Id, updated.Order.ExecutedQuantity));
        Assert.Equal(placed!.Id, Assert.Single(changes, c => c.Kind == AccountChangeKind.OrderAdded).Order!.Id);
        Assert.Equal(700m, Assert.Single(changes, c => c.Kind == AccountChangeKind.BalanceUpdated).Balance!.Available);
        Assert.Equal(7, changes.Count);
        await tracker.DisposeAsync();
        await watching.OrTimeout();
    }

    [Fact]
    public async Task Http503sDuringReconciliation_AreRetried_TheTrackerConvergesOnce()
    {
        var account = _server.Account;
        var order = await account.PlaceOrderAsync(Symbol, Side.Bid, 150m, 2m);
        await using var client = CreateClient();
        using var rest = CreateRest(maxRetries: 0);
        await using var tracker = CreateTracker(client, rest);
        var watching = WatchAsync(tracker);
        await tracker.StartAsync().OrTimeout();

        // While away the order fills; then the exchange answers the next four REST requests 503.
        _whileDown = async () =>
        {
            await account.FillOrderAsync(order.Id, 2m);
            _server.FailNextRestRequests(4, 503);
        };
        _server.DropAllConnections();

        await _probe.WaitUntilAsync(() => tracker.ReconcileCount >= 1 && IsSyncedWithExchange(tracker) && Changes.Count >= 2);

        Assert.Equal(1, tracker.ReconcileCount);
        Assert.Equal(4, _probe.Count("AccountSnapshotFailed"));
        Assert.Equal(
            [(AccountChangeKind.OrderClosed, AccountChangeSource.Reconciliation), (AccountChangeKind.Fill, AccountChangeSource.Reconciliation)],
            Changes.Select(c => (c.Kind, c.Source)).Order());
        await tracker.DisposeAsync();
        await watching.OrTimeout();
    }

    [Fact]
    public async Task TwentyDrops_WithSeededRandomActivity_NeverDiverge_AndEveryFillIsPublishedOnce()
    {
        const int Drops = 20;
        var random = new Random(20261204);
        var account = _server.Account;
        await account.PlaceOrderAsync(Symbol, Side.Bid, 150m, 5m);
        await account.SetBalanceAsync("USDC", 1000m);
        await using var client = CreateClient();
        using var rest = CreateRest();
        await using var tracker = CreateTracker(client, rest);
        var watching = WatchAsync(tracker);
        await tracker.StartAsync().OrTimeout();

        var missedFills = new HashSet<long>();
        var streamedFills = new HashSet<long>();
        _whileDown = async () =>
        {
            foreach (var fill in await ActAsync(random, random.Next(1, 6)))
            {
                missedFills.Add(fill.TradeId!.Value);
            }
        };
        for (var drop = 1; drop <= Drops; drop++)
        {
            var reconciled = tracker.ReconcileCount;
            _server.DropAllConnections();
            await _probe.WaitUntilAsync(() => tracker.ReconcileCount > reconciled && IsSyncedWithExchange(tracker));

            // And some activity while connected, which the stream carries.
            foreach (var fill in await ActAsync(random, random.Next(0, 3)))
            {
                streamedFills.Add(fill.TradeId!.Value);
            }

            await _probe.WaitUntilAsync(() => tracker.State == AccountState.Synced && IsSyncedWithExchange(tracker)
                && streamedFills.All(id => Changes.Any(c => c.Fill?.TradeId == id)));
        }

        var fillChanges = Changes.Where(c => c.Kind == AccountChangeKind.Fill).ToList();
        Assert.Equal(account.Fills.Select(f => f.TradeId).Order(), fillChanges.Select(c => c.Fill!.TradeId).Order());
        Assert.All(fillChanges, c => Assert.Equal(
            missedFills.Contains(c.Fill!.TradeId!.Value) ? AccountChangeSource.Reconciliation : AccountChangeSource.Stream, c.Source));
        Assert.NotEmpty(missedFills);
        Assert.NotEmpty(streamedFills);
        Assert.True(tracker.ReconcileCount >= Drops, tracker.ReconcileCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _output.WriteLine($"{Drops} drops, {tracker.ReconcileCount} reconciliations, {missedFills.Count} fills missed and reconciled, {streamedFills.Count} streamed, {account.OrderHistory.Count} orders.");
        await tracker.DisposeAsync();
        await watching.OrTimeout();
    }

    /// <summary>Random account activity: places, fills (partly or fully), cancels, and moves a balance and a position.</summary>
    private async Task<List<Fill>> ActAsync(Random random, int steps)
    {
        var account = _server.Account;
        var fills = new List<Fill>();
        for (var step = 0; step < steps; step++)
        {
            var open = account.OpenOrders;
            switch (open.Count == 0 ? 0 : random.Next(5))
            {
                case 0:
                    await account.PlaceOrderAsync(Symbol, random.Next(2) == 0 ? Side.Bid : Side.Ask, 140m + random.Next(20), 1m + random.Next(5));
                    break;
                case 1:
                case 2:
                    var order = open[random.Next(open.Count)];
                    var remaining = order.Quantity!.Value - order.ExecutedQuantity;
                    var quantity = random.Next(2) == 0 ? remaining : Math.Max(0.5m, Math.Round(remaining / 2, 1));
                    fills.Add(await account.FillOrderAsync(order.Id, Math.Min(quantity, remaining)));
                    break;
                case 3:
                    await account.CancelOrderAsync(open[random.Next(open.Count)].Id);
                    break;
                default:
                    await account.SetBalanceAsync("USDC", 500m + random.Next(1000), random.Next(100));
                    await account.SetPositionAsync("SOL_USDC_PERP", random.Next(-3, 4), 150m + random.Next(10));
                    break;
            }
        }

        return fills;
    }

    private bool IsSyncedWithExchange(BackpackAccountTracker tracker)
    {
        var snapshot = tracker.GetSnapshot();
        return snapshot.State == AccountState.Synced && Diverges(snapshot) is null;
    }

    private void AssertEqualsExchange(AccountSnapshot snapshot) => Assert.Null(Diverges(snapshot));

    /// <summary>Where the tracker's account differs from the exchange's, or null when it does not.</summary>
    private string? Diverges(AccountSnapshot snapshot) => _server.Account.FindDifference(snapshot);

    private async Task WatchAsync(BackpackAccountTracker tracker)
    {
        await foreach (var change in tracker.WatchAsync())
        {
            lock (_changes)
            {
                _changes.Add(change);
            }

            _probe.Notify();
        }
    }

    private BackpackStreamClient CreateClient()
    {
        var options = new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            RestEndpoint = _server.RestUri,
            ApiSecret = TestKeys.SecretSeed,
            SubscribeErrorWindow = TimeSpan.FromMilliseconds(200),
        };
        var client = new BackpackStreamClient(Options.Create(options), loggerFactory: _probe);
        client.Reconnecting += e => e.Streams.Any(s => s.StartsWith("account.", StringComparison.Ordinal)) ? _whileDown() : Task.CompletedTask;
        return client;
    }

    private BackpackRestClient CreateRest(int maxRetries = BackpackRestClientOptions.DefaultMaxRetries) => new(new BackpackRestClientOptions
    {
        RestEndpoint = _server.RestUri,
        MaxRetries = maxRetries,
        ApiSecret = TestKeys.SecretSeed,
        RetryDelay = TimeSpan.Zero,
        RequestTimeout = TestTimeouts.Hang,
    });

    private static BackpackAccountTracker CreateTracker(BackpackStreamClient client, BackpackRestClient rest) =>
        new(client, rest, new BackpackAccountTrackerOptions { HistoryRequestsPerMinute = 10_000, RetryDelay = TimeSpan.FromMilliseconds(50) });
}
