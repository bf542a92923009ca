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
    async Task<DepthSnapshot> IDepthFeed.GetSnapshotAsync(string symbol, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var streamName = "depth." + symbol;
        using var timeoutCts = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            var depth = await _rest.GetDepthAsync(symbol, limit, linked.Token).ConfigureAwait(false);
            var snapshot = new DepthSnapshot(depth.LastUpdateId, depth.Bids, depth.Asks);
            RecordSnapshot(symbol, snapshot);
            return snapshot;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot request for '{symbol}' timed out after {timeout}.", streamName, innerException: ex);
        }
        catch (BackpackStreamException ex) when (ex.ErrorCode != BackpackStreamErrorCode.SnapshotFailed)
        {
            // The book tells retryable failures (no status, 408, 429, 5xx) from final ones by the HTTP status.
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot request for '{symbol}' failed: {ex.Message}", streamName, innerException: ex)
            {
                HttpStatusCode = ex.HttpStatusCode,
                RetryAfter = ex.RetryAfter,
            };
        }
    }

    /// <inheritdoc/>
    void IDepthFeed.OnResync(string symbol) => _metrics?.RecordResync(symbol);

    /// <inheritdoc/>
    System.Diagnostics.Activity? IDepthFeed.StartResyncActivity(string symbol) => Diagnostics.BackpackStreamActivities.StartResync(symbol);

    /// <summary>Hands the snapshot a book will use to the recorder, as the exchange's JSON; a recorder that throws is logged.</summary>
    private void RecordSnapshot(string symbol, DepthSnapshot snapshot)
    {
        if (_options.FrameRecorder is not { } recorder)
        {
            return;
        }

        try
        {
            recorder.OnDepthSnapshot(symbol, Protocol.Payloads.DepthSnapshotParser.Write(snapshot), _timeProvider.GetUtcNow());
        }
        catch (Exception ex)
        {
            Log.RecorderFailed(_logger, ex);
        }
    }
}
