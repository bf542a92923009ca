using System.Diagnostics;
using Backpack.WebSockets.Benchmarks.Frames;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets.Benchmarks.Memory;

/// <summary>
/// Part 4: <c>count</c> trade frames through the real client (receive loop, envelope, routing, parse) into a subscription
/// whose consumer never reads. The buffer holds <see cref="BackpackStreamClientOptions.StreamCapacity"/> items, the rest
/// are dropped oldest first, and the working set stays flat.
/// </summary>
internal static class StalledConsumerRun
{
    public static async Task<StalledConsumerResult> RunAsync(long count, CancellationToken cancellationToken)
    {
        var sampleEvery = Math.Max(1, count / 20);
        long startWorkingSet = 0, peakWorkingSet = 0, peakHeap = 0;
        var connection = new ReplayConnection(RecordedFrames.Trade, count, sampleEvery, sent =>
        {
            var workingSet = Environment.WorkingSet;
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (sent == sampleEvery)
            {
                startWorkingSet = workingSet;
            }
            else
            {
                peakHeap = Math.Max(peakHeap, heap);
            }

            peakWorkingSet = Math.Max(peakWorkingSet, workingSet);
        });

        var options = new BackpackStreamClientOptions { ValidateSymbols = false };
        await using var client = new BackpackStreamClient(Options.Create(options), new ReplayConnector(connection));
        var started = Stopwatch.GetTimestamp();
        var subscription = await client.SubscribeAsync(BackpackStreams.Trades("BTC_USDC_PERP"), cancellationToken).ConfigureAwait(false);
        await connection.Replayed.WaitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (subscription.Completion is { IsFaulted: true } failed)
        {
            throw new InvalidOperationException("The stalled subscription ended early.", failed.Exception);
        }

        var result = new StalledConsumerResult(
            count,
            options.StreamCapacity,
            subscription.BufferedCount,
            subscription.DroppedCount,
            elapsed,
            startWorkingSet,
            peakWorkingSet,
            Environment.WorkingSet,
            peakHeap);
        await subscription.DisposeAsync().ConfigureAwait(false);
        return result;
    }
}
