namespace Backpack.WebSockets.Account;

/// <summary>The tracker's view of one private subscription: its items in order, with a marker where a connection was lost.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal interface IAccountSubscription<T> : IAsyncDisposable
    where T : class
{
    /// <summary>The stream name, for example <c>account.orderUpdate</c>.</summary>
    string StreamName { get; }

    /// <summary>
    /// The items in order and a marker where the connection carrying the stream was lost (items after it came on the next
    /// connection). Ends when the subscription ends; throws its error. Leaving it releases the subscription.
    /// </summary>
    IAsyncEnumerable<AccountFeedItem<T>> ReadAllAsync(CancellationToken cancellationToken);
}
