using Backpack.WebSockets.Account;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient : IAccountFeed
{
    /// <summary>Completed (and replaced) on every <see cref="Reconnected"/>: wakes trackers waiting for their connection.</summary>
    private TaskCompletionSource _accountFeedReconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _accountFeedHooked;

    /// <inheritdoc/>
    TimeProvider IAccountFeed.TimeProvider => _timeProvider;

    /// <inheritdoc/>
    ILoggerFactory IAccountFeed.LoggerFactory => _loggerFactory;

    /// <inheritdoc/>
    async Task<IAccountSubscription<T>> IAccountFeed.SubscribeAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken)
    {
        HookAccountFeed();
        return new AccountFeedSubscription<T>(await SubscribeAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    async Task IAccountFeed.WaitUntilResubscribedAsync(string streamName, CancellationToken cancellationToken)
    {
        HookAccountFeed();
        while (true)
        {
            // Take the signal before looking, so a reconnect between the look and the wait is not missed. A connection is
            // Connected again only once its streams were subscribed again, and a marker is written only when it stops being so.
            var signal = Volatile.Read(ref _accountFeedReconnected).Task;
            var carrier = Connections.FirstOrDefault(c => c.Streams.Contains(streamName, StringComparer.Ordinal));
            if (carrier is null || carrier.State != BackpackConnectionState.Reconnecting)
            {
                return;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    void IAccountFeed.OnReconciled(int changesFound) => _metrics?.RecordReconciliation(changesFound);

    private void HookAccountFeed()
    {
        if (Interlocked.Exchange(ref _accountFeedHooked, 1) == 0)
        {
            Reconnected += _ =>
            {
                Interlocked.Exchange(ref _accountFeedReconnected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                return Task.CompletedTask;
            };
        }
    }
}
