using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Account;

public sealed partial class BackpackAccountTracker
{
    /// <summary>
    /// Log messages of the account tracker. Event ids are stable (201 and up, apart from the client's and the order
    /// book's): never renumber or reuse one. No message carries a key, a signature or a header value.
    /// </summary>
    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Information, "Account is in sync: {OrderCount} open order(s), {PositionCount} position(s), {BalanceCount} balance(s).", EventName = "AccountSynced")]
        public static partial void Synced(ILogger logger, int orderCount, int positionCount, int balanceCount);

        [LoggerMessage(202, LogLevel.Information, "Account reconciled with REST; {ChangeCount} change(s) found.", EventName = "AccountReconciled")]
        public static partial void Reconciled(ILogger logger, int changeCount);

        [LoggerMessage(203, LogLevel.Warning, "Account stream {StreamName} lost its connection; the account is stale until reconciled.", EventName = "AccountConnectionLost")]
        public static partial void ConnectionLost(ILogger logger, string streamName);

        [LoggerMessage(204, LogLevel.Warning, "Account snapshot attempt {Attempt} failed; retrying in {Delay}.", EventName = "AccountSnapshotFailed")]
        public static partial void SnapshotFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);

        [LoggerMessage(205, LogLevel.Error, "Account snapshot failed in a way retrying cannot help; the tracker did not start.", EventName = "AccountSnapshotFailedFinally")]
        public static partial void SnapshotFailedFinally(ILogger logger, Exception exception);

        [LoggerMessage(206, LogLevel.Warning, "Account stream {StreamName} ended; subscribing again.", EventName = "AccountStreamEnded")]
        public static partial void StreamEnded(ILogger logger, string streamName, Exception exception);

        [LoggerMessage(207, LogLevel.Warning, "Account stream {StreamName} could not be subscribed again; retrying.", EventName = "AccountResubscribeFailed")]
        public static partial void ResubscribeFailed(ILogger logger, string streamName, Exception exception);

        [LoggerMessage(208, LogLevel.Error, "The account tracker's sync loop failed.", EventName = "AccountSyncLoopFailed")]
        public static partial void SyncLoopFailed(ILogger logger, Exception exception);

        [LoggerMessage(209, LogLevel.Debug, "Account state {From} -> {To}.", EventName = "AccountStateChanged")]
        public static partial void StateChanged(ILogger logger, AccountState from, AccountState to);

        [LoggerMessage(210, LogLevel.Debug, "A balance update arrived while the balances were read; reading them again ({Reread}).", EventName = "AccountBalancesReread")]
        public static partial void BalancesReread(ILogger logger, int reread);

        [LoggerMessage(211, LogLevel.Debug, "History requests paced: waiting {Delay}.", EventName = "AccountHistoryPaced")]
        public static partial void HistoryPaced(ILogger logger, TimeSpan delay);
    }
}
