using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient : IDepthFeed
{
    /// <inheritdoc/>
    TimeProvider IDepthFeed.TimeProvider => _timeProvider;

    /// <inheritdoc/>
    ILoggerFactory IDepthFeed.LoggerFactory => _loggerFactory;

    /// <inheritdoc/>
    async Task<IDepthSubscription> IDepthFeed.SubscribeAsync(BackpackStream<DepthUpdate> stream, CancellationToken cancellationToken) =>
        new DepthFeedSubscription(await SubscribeAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    Task<DepthSnapshot> IDepthFeed.GetSnapshotAsync(string symbol, int limit, TimeSpan timeout, CancellationToken cancellationToken) =>
        _rest.GetDepthSnapshotAsync(symbol, limit, timeout, cancellationToken);

    /// <inheritdoc/>
    void IDepthFeed.OnResync(string symbol) => _metrics?.RecordResync(symbol);
}
