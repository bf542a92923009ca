namespace Backpack.WebSockets.OrderBook;

/// <summary>The book's view of its depth subscription: the updates, and where updates were lost (dropped, or a connection lost).</summary>
internal interface IDepthSubscription : IAsyncDisposable
{
    /// <summary>How many items wait to be read; the book publishes when it is zero.</summary>
    int BufferedCount { get; }

    /// <summary>
    /// The feed in order: updates, each saying whether updates were dropped just before it, and a marker where the
    /// connection carrying the stream was lost (updates after it came on the next connection). Ends when the subscription
    /// ends; throws its error. Leaving it releases the subscription.
    /// </summary>
    IAsyncEnumerable<DepthFeedItem> ReadAllAsync(CancellationToken cancellationToken);
}
