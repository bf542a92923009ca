using System.Text;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Tests.Fakes;
using Moq;

namespace Backpack.WebSockets.Tests.Streams;

/// <summary>How a subscription drops and counts items when its consumer falls behind, and where it marks a lost connection.</summary>
public sealed class BackpackSubscriptionDropTests
{
    [Fact]
    public async Task Drop_IsCountedBeforeTheItemWrittenAfterItBecomesReadable()
    {
        var owner = new Mock<ISubscriptionOwner>();
        var subscription = Create(owner.Object, capacity: 2);
        var seenAtDrop = new List<(long Dropped, int Buffered)>();
        owner.Setup(o => o.OnItemsDropped("trade.SOL_USDC", It.IsAny<long>()))
            .Callback(() => seenAtDrop.Add((subscription.DroppedCount, subscription.BufferedCount)));

        subscription.Deliver("a");
        subscription.Deliver("b");
        subscription.Deliver("c");
        subscription.Deliver("d");

        // When each drop is reported (after it was counted), the oldest item is gone and the new one is not yet readable.
        Assert.Equal([(1L, 1), (2L, 1)], seenAtDrop);
        Assert.Equal(2, subscription.DroppedCount);
        await using var reader = subscription.ReadEntriesAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(("c", 3L), (reader.Current.Item, reader.Current.Sequence));
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(("d", 4L), (reader.Current.Item, reader.Current.Sequence));
    }

    [Fact]
    public async Task Sequence_CountsEveryItemHanded_SoAJumpShowsTheDroppedOnes()
    {
        var subscription = Create(Mock.Of<ISubscriptionOwner>(), capacity: 1);
        await using var reader = subscription.ReadEntriesAsync(CancellationToken.None).GetAsyncEnumerator();

        subscription.Deliver("a");
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(("a", 1L, 0L), (reader.Current.Item, reader.Current.Sequence, subscription.DroppedCount));

        subscription.Deliver("b");
        subscription.Deliver("c");
        subscription.Deliver("d");
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        Assert.Equal(("d", 4L, 2L), (reader.Current.Item, reader.Current.Sequence, subscription.DroppedCount));
    }

    [Fact]
    public async Task EndedSubscription_KeepsItsBufferedItems_AndDropsNothing()
    {
        var subscription = Create(Mock.Of<ISubscriptionOwner>(), capacity: 2);
        subscription.Deliver("a");
        subscription.Deliver("b");
        subscription.Complete(null);

        subscription.Deliver("c");

        Assert.Equal(0, subscription.DroppedCount);
        Assert.Equal(["a", "b"], await ReadAllAsync(subscription));
    }

    [Fact]
    public async Task ConnectionLostMarker_SitsBetweenTheItemsOfTheOldAndTheNewConnection_AndIsHiddenFromConsumers()
    {
        var entries = Create(Mock.Of<ISubscriptionOwner>(), capacity: 8);
        var plain = Create(Mock.Of<ISubscriptionOwner>(), capacity: 8);
        foreach (var subscription in new[] { entries, plain })
        {
            subscription.Deliver("old");
            subscription.DeliverConnectionLost();
            subscription.Deliver("new");
            subscription.Complete(null);
        }

        var seen = new List<(string? Item, long Sequence, bool Lost)>();
        await foreach (var entry in entries.ReadEntriesAsync(CancellationToken.None))
        {
            seen.Add((entry.IsConnectionLost ? null : entry.Item, entry.Sequence, entry.IsConnectionLost));
        }

        Assert.Equal([("old", 1L, false), (null, 1L, true), ("new", 2L, false)], seen);
        Assert.Equal(["old", "new"], await ReadAllAsync(plain));
    }

    [Fact]
    public async Task ConnectionLostMarker_OnAFullMarketDataBuffer_DropsTheOldestItem()
    {
        var subscription = Create(Mock.Of<ISubscriptionOwner>(), capacity: 2);
        subscription.Deliver("a");
        subscription.Deliver("b");

        subscription.DeliverConnectionLost();
        subscription.Complete(null);

        Assert.Equal(1, subscription.DroppedCount);
        var lost = new List<bool>();
        await foreach (var entry in subscription.ReadEntriesAsync(CancellationToken.None))
        {
            lost.Add(entry.IsConnectionLost);
        }

        Assert.Equal([false, true], lost);
    }

    private static async Task<List<string>> ReadAllAsync(BackpackSubscription<string> subscription)
    {
        var items = new List<string>();
        await foreach (var item in subscription)
        {
            items.Add(item);
        }

        return items;
    }

    private static BackpackSubscription<string> Create(ISubscriptionOwner owner, int capacity)
    {
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        return new BackpackSubscription<string>(registration, owner, capacity);
    }
}
