using HdrHistogram;

namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>
/// Backpack.WebSockets as a user writes it: one <see cref="BackpackStreamClient"/>, <see cref="LatencySchedule.Streams"/>
/// trade subscriptions, each read by its own <c>await foreach</c> that records the latency of every trade as it gets it.
/// </summary>
/// <remarks>
/// The subscriptions buffer <see cref="Capacity"/> items rather than the default 1,024: the bursts are 10,000 frames back
/// to back on one stream, and this run measures latency, not what the drop policy does to a consumer descheduled on a
/// busy 2-core machine. Any drop is still reported. The run ends when every consumer has its last message, not when the
/// consumers have left their loops: leaving releases the subscription, whose UNSUBSCRIBE can race the sender's Close
/// (see <see cref="ReleaseWait"/>).
/// </remarks>
internal static class LibraryLatencyReceiver
{
    /// <summary>The subscription buffer of the latency runs.</summary>
    public const int Capacity = 65_536;

    /// <summary>
    /// How long the run waits for the consumers' releases after their last message. A release whose UNSUBSCRIBE meets the
    /// sender's Close (reconnect policy Never) has been seen to stay pending; the run then goes on and says so on stderr.
    /// </summary>
    private static readonly TimeSpan ReleaseWait = EndToEnd.LibraryReceiver.ReleaseWait;

    /// <param name="endpoint">The sender.</param>
    /// <param name="schedule">What it sends.</param>
    /// <param name="inline">Whether the client allows synchronous continuations (consumers resume on the receive loop).</param>
    /// <param name="cancellationToken">Bounds a hang.</param>
    public static async Task<LatencyResult> RunAsync(Uri endpoint, LatencySchedule schedule, bool inline, CancellationToken cancellationToken)
    {
        var options = new BackpackStreamClientOptions
        {
            Endpoint = endpoint,
            StreamCapacity = Capacity,
            ReconnectPolicy = BackpackReconnectPolicy.Never,
            AllowSynchronousContinuations = inline,
        };
        await using var client = new BackpackStreamClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var meter = new LatencyMeter();
        var histograms = new LongHistogram[schedule.Streams];
        var lastMessages = new TaskCompletionSource[schedule.Streams];
        var subscriptions = await Task.WhenAll(Enumerable.Range(0, schedule.Streams).Select(i =>
            client.SubscribeAsync(BackpackStreams.Trades(LatencyFrames.StreamName(i)["trade.".Length..]), cancellationToken))).ConfigureAwait(false);
        var consumers = subscriptions.Select((subscription, i) =>
        {
            histograms[i] = LatencyMeter.NewHistogram();
            lastMessages[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = (schedule.Count / schedule.Streams) + (i < schedule.Count % schedule.Streams ? 1 : 0);
            return Task.Run(() => ConsumeAsync(subscription, histograms[i], expected, lastMessages[i], cancellationToken), cancellationToken);
        }).ToArray();
        await Task.WhenAll(lastMessages.Select(t => t.Task)).ConfigureAwait(false);

        var dropped = subscriptions.Sum(s => s.DroppedCount);
        var run = meter.Stop(schedule.Streams > 1 ? LatencyReceiver.LibraryTen : inline ? LatencyReceiver.LibraryInline : LatencyReceiver.Library, schedule, histograms, dropped);
        var released = Task.WhenAll(consumers);
        if (await Task.WhenAny(released, Task.Delay(ReleaseWait, cancellationToken)).ConfigureAwait(false) != released)
        {
            await Console.Error.WriteLineAsync($"library: a subscription's release was still pending {ReleaseWait.TotalSeconds:F0} s after the run ({schedule.Label}, {schedule.Streams} streams).").ConfigureAwait(false);
        }

        return run;
    }

    private static async Task ConsumeAsync(BackpackSubscription<Models.Trade> subscription, LongHistogram histogram, int expected, TaskCompletionSource lastMessage, CancellationToken cancellationToken)
    {
        long messages = 0;
        try
        {
            await foreach (var trade in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                LatencyMeter.Record(histogram, LatencyFrames.TimestampOf(trade.TradeId));
                if (++messages + subscription.DroppedCount >= expected)
                {
                    // Before the loop is left: leaving releases the subscription (see the remarks).
                    lastMessage.TrySetResult();
                    break;
                }
            }
        }
        catch (BackpackStreamException)
        {
            // The sender closed before every frame arrived; the run reports what was delivered.
        }
        finally
        {
            lastMessage.TrySetResult();
        }
    }
}
