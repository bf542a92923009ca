using Backpack.WebSockets.Benchmarks.Frames;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>Backpack.WebSockets as a user writes it: subscribe to trades and read them with <c>await foreach</c>.</summary>
internal static class LibraryReceiver
{
    public static async Task<EndToEndResult> RunAsync(Uri endpoint, int count, CancellationToken cancellationToken)
    {
        var options = new BackpackStreamClientOptions { Endpoint = endpoint };
        await using var client = new BackpackStreamClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var meter = RunMeter.Start();
        long messages = 0;
        long checksum = 0;
        var subscription = await client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"), cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var trade in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                checksum += trade.TradeId;
                if (++messages + subscription.DroppedCount >= count)
                {
                    break;
                }
            }
        }
        catch (BackpackStreamException)
        {
            // The sender closed before every frame arrived; the run reports what was delivered.
        }

        var run = meter.Stop(ReceiverKind.Library, messages, subscription.DroppedCount);
        GC.KeepAlive(checksum);
        if (!RecordedFrames.TradeStream.Equals(subscription.StreamName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Subscribed to '{subscription.StreamName}', expected '{RecordedFrames.TradeStream}'.");
        }

        return run;
    }
}
