using System.Text;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Tests.Fakes;
using Moq;

namespace Backpack.WebSockets.Tests.Streams;

/// <summary>How a market-data subscription drops and counts items when its consumer falls behind.</summary>
public sealed class BackpackSubscriptionDropTests
{
    [Fact]
    public async Task Drop_IsCountedBeforeTheItemWrittenAfterItBecomesReadable()
    {
        var owner = new Mock<ISubscriptionOwner>();
        var subscription = Create(owner.Object, capacity: 2);
        var seenAtDrop = new List<(long Dropped, int Buffered, long Written)>();
        owner.Setup(o => o.OnItemsDropped("trade.SOL_USDC", It.IsAny<long>()))
            .Callback(() => seenAtDrop.Add((subscription.DroppedCount, subscription.BufferedCount, subscription.WrittenCount)));

        subscription.Deliver("a");
        subscription.Deliver("b");
        subscription.Deliver("c");
        subscription.Deliver("d");

        // When each drop is reported (after it was counted), the oldest item is gone and the new one is not yet readable.
        Assert.Equal([(1L, 1, 2L), (2L, 1, 3L)], seenAtDrop);
        Assert.Equal(2, subscription.DroppedCount);
        Assert.Equal(4, subscription.WrittenCount);
        await using var reader = subscription.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal("c", reader.Current);
        Assert.Equal(3, subscription.LastReadSequence);
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal("d", reader.Current);
        Assert.Equal(4, subscription.LastReadSequence);
    }

    [Fact]
    public async Task ReadSequence_CountsEveryItemHanded_SoAJumpShowsTheDroppedOnes()
    {
        var subscription = Create(Mock.Of<ISubscriptionOwner>(), capacity: 1);
        await using var reader = subscription.GetAsyncEnumerator();

        subscription.Deliver("a");
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        Assert.Equal(("a", 1L, 0L), (reader.Current, subscription.LastReadSequence, subscription.DroppedCount));

        subscription.Deliver("b");
        subscription.Deliver("c");
        subscription.Deliver("d");
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());

        Assert.Equal(("d", 4L, 2L), (reader.Current, subscription.LastReadSequence, subscription.DroppedCount));
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
        Assert.Equal(2, subscription.WrittenCount);
        var items = new List<string>();
        await foreach (var item in subscription)
        {
            items.Add(item);
        }

        Assert.Equal(["a", "b"], items);
    }

    private static BackpackSubscription<string> Create(ISubscriptionOwner owner, int capacity)
    {
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        return new BackpackSubscription<string>(registration, owner, capacity);
    }
}
