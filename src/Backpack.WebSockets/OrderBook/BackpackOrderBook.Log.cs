using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.OrderBook;

public sealed partial class BackpackOrderBook
{
    /// <summary>
    /// Log messages of the order book. Event ids are stable (101 and up, apart from the client's): never renumber or reuse one.
    /// </summary>
    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Warning, "Order book {Symbol} is stale ({Reason}) after update {LastUpdateId}; resyncing from a new snapshot (resync {ResyncCount}).", EventName = "OrderBookResyncing")]
        public static partial void Resyncing(ILogger logger, string symbol, ResyncReason reason, long lastUpdateId, int resyncCount);

        [LoggerMessage(102, LogLevel.Debug, "Order book {Symbol} restarts syncing ({Reason}).", EventName = "OrderBookSyncRestarted")]
        public static partial void SyncRestarted(ILogger logger, string symbol, ResyncReason reason);

        [LoggerMessage(103, LogLevel.Information, "Order book {Symbol} is in sync at update {LastUpdateId} ({BidCount} bids, {AskCount} asks).", EventName = "OrderBookSynced")]
        public static partial void Synced(ILogger logger, string symbol, long lastUpdateId, int bidCount, int askCount);

        [LoggerMessage(104, LogLevel.Debug, "The depth snapshot for {Symbol} at update {SnapshotUpdateId} is older than the buffered updates; fetching again (attempt {Attempt}).", EventName = "OrderBookSnapshotTooOld")]
        public static partial void SnapshotTooOld(ILogger logger, string symbol, long snapshotUpdateId, int attempt);

        [LoggerMessage(105, LogLevel.Warning, "Fetching the depth snapshot for {Symbol} failed (attempt {Attempt} of {MaxAttempts}).", EventName = "OrderBookSnapshotFailed")]
        public static partial void SnapshotFailed(ILogger logger, string symbol, int attempt, int maxAttempts, Exception exception);

        [LoggerMessage(106, LogLevel.Debug, "Discarded a depth snapshot for {Symbol} at update {SnapshotUpdateId}: it was fetched before a resync.", EventName = "OrderBookSnapshotDiscarded")]
        public static partial void SnapshotDiscarded(ILogger logger, string symbol, long snapshotUpdateId);

        [LoggerMessage(107, LogLevel.Warning, "The depth snapshot for {Symbol} at update {SnapshotUpdateId} gives a crossed book; syncing again.", EventName = "OrderBookSnapshotCrossed")]
        public static partial void SnapshotCrossed(ILogger logger, string symbol, long snapshotUpdateId);

        [LoggerMessage(108, LogLevel.Error, "No usable depth snapshot for {Symbol} after {Attempts} attempts; trying again on the next update.", EventName = "OrderBookSnapshotAttemptsExhausted")]
        public static partial void SnapshotAttemptsExhausted(ILogger logger, string symbol, int attempts);

        [LoggerMessage(109, LogLevel.Warning, "The depth subscription {StreamName} ended; resubscribing.", EventName = "OrderBookSubscriptionLost")]
        public static partial void SubscriptionLost(ILogger logger, string streamName, Exception? exception);

        [LoggerMessage(110, LogLevel.Warning, "Resubscribing to {StreamName} failed (attempt {Attempt}).", EventName = "OrderBookResubscribeFailed")]
        public static partial void ResubscribeFailed(ILogger logger, string streamName, int attempt, Exception exception);

        [LoggerMessage(111, LogLevel.Error, "Order book {Symbol} stopped after an error that retrying cannot fix.", EventName = "OrderBookFaulted")]
        public static partial void Faulted(ILogger logger, string symbol, Exception exception);
    }
}
