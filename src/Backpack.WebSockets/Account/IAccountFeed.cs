using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Account;

/// <summary>
/// The account tracker's narrow seam to the client: its private subscriptions (with connection-lost markers), a way to
/// learn that a lost connection is back, the clock and loggers. <see cref="BackpackStreamClient"/> implements it; tests
/// give the tracker a fake.
/// </summary>
internal interface IAccountFeed
{
    /// <summary>The clock of backoff, pacing and periodic reconciliation.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Where the tracker logs.</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>Subscribes to a private stream; completes once the server accepted it.</summary>
    /// <exception cref="BackpackStreamException">The subscription failed.</exception>
    Task<IAccountSubscription<T>> SubscribeAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Completes once the connection carrying <paramref name="streamName"/> is connected, its streams subscribed again;
    /// call it after reading a connection-lost marker. Also completes when no connection carries the stream any more, or
    /// its connection stopped reconnecting (its subscription then ends with the error).
    /// </summary>
    Task WaitUntilResubscribedAsync(string streamName, CancellationToken cancellationToken);

    /// <summary>Counts a completed reconciliation and the changes it found (the metrics).</summary>
    void OnReconciled(int changesFound);
}
