using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Streams;
using Moq;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>How the client hands a depth subscription to the book: drops and lost connections, in the order they happened.</summary>
public sealed class DepthFeedSubscriptionTests
{
    [Fact]
    public async Task Drops_FlagTheFirstUpdateReadAfterThem_AndMarkersKeepTheirPlace()
    {
        var registration = new StreamRegistration<DepthUpdate>("depth.SOL_USDC", static _ => throw new InvalidOperationException());
        var subscription = new BackpackSubscription<DepthUpdate>(registration, Mock.Of<ISubscriptionOwner>(), capacity: 2);
        var feed = new DepthFeedSubscription(subscription);

        subscription.Deliver(Update(1));
        subscription.Deliver(Update(2));
        subscription.Deliver(Update(3));   // drops 1: the buffer holds 2
        subscription.DeliverConnectionLost(); // drops 2: the buffer holds 3 and the marker
        subscription.Complete(null);
        var items = new List<(long? Id, bool Dropped, bool Lost)>();
        await foreach (var item in feed.ReadAllAsync(CancellationToken.None).WithCancellation(new CancellationTokenSource(TestTimeouts.Hang).Token))
        {
            items.Add((item.Update?.LastUpdateId, item.DroppedBefore, item.IsConnectionLost));
        }

        Assert.Equal([(3L, true, false), (null, false, true)], items);
        Assert.Equal(2, subscription.DroppedCount);
    }

    [Fact]
    public async Task UpdatesAfterAMarker_AreNotFlaggedAsDropped()
    {
        var registration = new StreamRegistration<DepthUpdate>("depth.SOL_USDC", static _ => throw new InvalidOperationException());
        var subscription = new BackpackSubscription<DepthUpdate>(registration, Mock.Of<ISubscriptionOwner>(), capacity: 8);
        var feed = new DepthFeedSubscription(subscription);

        subscription.Deliver(Update(1));
        subscription.DeliverConnectionLost();
        subscription.Deliver(Update(50));
        subscription.Complete(null);
        var items = new List<(long? Id, bool Dropped)>();
        await foreach (var item in feed.ReadAllAsync(CancellationToken.None))
        {
            items.Add((item.Update?.LastUpdateId, item.DroppedBefore));
        }

        Assert.Equal([(1L, false), (null, false), (50L, false)], items);
    }

    private static DepthUpdate Update(long id) => new() { Symbol = "SOL_USDC", FirstUpdateId = id, LastUpdateId = id, Bids = [], Asks = [] };
}
