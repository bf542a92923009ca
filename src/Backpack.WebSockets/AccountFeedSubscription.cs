using System.Runtime.CompilerServices;
using Backpack.WebSockets.Account;

namespace Backpack.WebSockets;

/// <summary>A private subscription as the account tracker sees it (<see cref="IAccountSubscription{T}"/>): items and connection-lost markers.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class AccountFeedSubscription<T> : IAccountSubscription<T>
    where T : class
{
    private readonly BackpackSubscription<T> _subscription;

    public AccountFeedSubscription(BackpackSubscription<T> subscription)
    {
        _subscription = subscription;
    }

    public string StreamName => _subscription.StreamName;

    public async IAsyncEnumerable<AccountFeedItem<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in _subscription.ReadEntriesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return entry.IsConnectionLost ? AccountFeedItem<T>.ConnectionLost : new AccountFeedItem<T>(entry.Item);
        }
    }

    public ValueTask DisposeAsync() => _subscription.DisposeAsync();
}
