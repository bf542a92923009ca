using Backpack.WebSockets.Models;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// The order book's narrow seam to the client: its depth subscription, depth snapshots, the clock and loggers, and where
/// resyncs are counted. <see cref="BackpackStreamClient"/> implements it; tests give the book a fake.
/// </summary>
internal interface IDepthFeed
{
    /// <summary>The clock of timeouts and backoff.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Where the book logs.</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>Subscribes to a depth stream; completes once the server accepted it.</summary>
    /// <exception cref="BackpackStreamException">The subscription failed.</exception>
    Task<IDepthSubscription> SubscribeAsync(BackpackStream<DepthUpdate> stream, CancellationToken cancellationToken);

    /// <summary>Reads a REST depth snapshot.</summary>
    /// <exception cref="BackpackStreamException"><see cref="BackpackStreamErrorCode.SnapshotFailed"/> for every failure but the caller's cancellation.</exception>
    Task<DepthSnapshot> GetSnapshotAsync(string symbol, int limit, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Counts a resync of the book of <paramref name="symbol"/> (the resyncs metric).</summary>
    void OnResync(string symbol);

    /// <summary>Starts the trace activity of one sync attempt of the book of <paramref name="symbol"/>, if anyone listens.</summary>
    System.Diagnostics.Activity? StartResyncActivity(string symbol);
}
