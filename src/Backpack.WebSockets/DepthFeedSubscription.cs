using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets;

/// <summary>
/// A depth subscription as the order book sees it (<see cref="IDepthSubscription"/>): the subscription's entries, with its
/// sequence numbers turned into "dropped before" flags and its connection-lost markers kept.
/// </summary>
internal sealed class DepthFeedSubscription : IDepthSubscription
{
    private readonly BackpackSubscription<DepthUpdate> _subscription;

    public DepthFeedSubscription(BackpackSubscription<DepthUpdate> subscription)
    {
        _subscription = subscription;
    }

    public int BufferedCount => _subscription.BufferedCount;

    public async IAsyncEnumerable<DepthFeedItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long previous = 0;
        await foreach (var entry in _subscription.ReadEntriesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsConnectionLost)
            {
                previous = entry.Sequence;
                yield return DepthFeedItem.ConnectionLost;
                continue;
            }

            // The sequence tells exactly whether items were dropped in between, unlike a drop counter read near the item.
            var dropped = entry.Sequence - 1 > previous;
            previous = entry.Sequence;
            yield return new DepthFeedItem(entry.Item, dropped);
        }
    }

    public ValueTask DisposeAsync() => _subscription.DisposeAsync();
}
