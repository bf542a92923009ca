using Backpack.WebSockets.Benchmarks.Frames;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>Backpack.WebSockets as a user writes it: subscribe to trades and read them with <c>await foreach</c>.</summary>
/// <remarks>
/// The sender pushes far faster than a real market (millions of frames per second), so with the default buffer of 1,024
/// items a consumer descheduled for a millisecond on a busy 2-core machine loses items: the client never waits for a
/// consumer, it drops the oldest. Throughput is measured with <see cref="Capacity"/> instead, what a user expecting such
/// bursts would configure; the run still reports any drops.
/// </remarks>
internal static class LibraryReceiver
{
    /// <summary>The subscription buffer of the throughput run.</summary>
    public const int Capacity = 65_536;

    /// <summary>How long the run waits for the subscription's release after the last message.</summary>
    public static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(2);

    public static async Task<EndToEndResult> RunAsync(Uri endpoint, int count, CancellationToken cancellationToken, bool deflate = false)
    {
        // No reconnect: when the sender is done and closes, the run ends rather than waiting on a new connection.
        var options = new BackpackStreamClientOptions { Endpoint = endpoint, StreamCapacity = Capacity, ReconnectPolicy = BackpackReconnectPolicy.Never, ValidateSymbols = false, EnableCompression = deflate };
        await using var client = new BackpackStreamClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (client.Connections.Any(c => c.IsCompressed) != deflate)
        {
            throw new InvalidOperationException($"Compression was {(deflate ? "not " : string.Empty)}negotiated, against the run's setting.");
        }

        var meter = RunMeter.Start();
        long messages = 0;
        long checksum = 0;
        var subscription = await client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"), cancellationToken).ConfigureAwait(false);

        // Read by hand rather than with await foreach: leaving the loop releases the subscription, and that release (an
        // UNSUBSCRIBE racing the sender's Close, reconnect policy Never) has been seen to stay pending for good, which
        // hung the quick and smoke runs. The run ends at the last message; the release gets a bounded wait.
        var enumerator = subscription.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (messages + subscription.DroppedCount < count && await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                checksum += enumerator.Current.TradeId;
                messages++;
            }
        }
        catch (BackpackStreamException)
        {
            // The sender closed before every frame arrived; the run reports what was delivered.
        }

        var run = meter.Stop(deflate ? ReceiverKind.LibraryDeflate : ReceiverKind.Library, messages, subscription.DroppedCount);
        var released = enumerator.DisposeAsync().AsTask();
        if (await Task.WhenAny(released, Task.Delay(ReleaseWait, cancellationToken)).ConfigureAwait(false) != released)
        {
            await Console.Error.WriteLineAsync($"library: the subscription's release was still pending {ReleaseWait.TotalSeconds:F0} s after the run.").ConfigureAwait(false);
        }

        GC.KeepAlive(checksum);
        if (!RecordedFrames.TradeStream.Equals(subscription.StreamName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Subscribed to '{subscription.StreamName}', expected '{RecordedFrames.TradeStream}'.");
        }

        return run;
    }
}
