using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// Part 5 of the quick mode: how long 200 quiet streams (streams that send nothing yet) take to subscribe, and to
/// subscribe again after a drop, on loopback against the fake exchange. Beside it, the same 200 streams sent one per
/// frame with a whole error window each, as a client that keeps one SUBSCRIBE in flight must do (raw socket, same server).
/// </summary>
internal static class QuickSubscribe
{
    /// <summary>A short window, so the one-per-frame baseline ends in seconds; the batched figure scales with it too.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

    public static async Task<QuickSubscribeResult> MeasureAsync(bool smoke, CancellationToken cancellationToken)
    {
        var count = smoke ? 10 : 200;
        var symbols = Enumerable.Range(0, count).Select(i => $"Q{i:D3}_USDC").ToArray();
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { KnownSymbols = [.. symbols] });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var streams = symbols.Select(s => BackpackStreams.Klines(s, Models.KlineInterval.OneHour)).ToArray();

        var options = new BackpackStreamClientOptions { Endpoint = server.WebSocketUri, RestEndpoint = server.RestUri, SubscribeErrorWindow = Window };
        await using var client = new BackpackStreamClient(options);
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };

        var stopwatch = Stopwatch.StartNew();
        var subscriptions = await Task.WhenAll(streams.Select(s => client.SubscribeAsync(s, cancellationToken))).ConfigureAwait(false);
        var subscribe = stopwatch.Elapsed;

        stopwatch.Restart();
        server.DropAllConnections();
        await reconnected.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        var resubscribe = stopwatch.Elapsed;
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        var onePerFrame = await OnePerFrameAsync(server.WebSocketUri, streams.Select(s => s.Name).ToArray(), cancellationToken).ConfigureAwait(false);
        return new QuickSubscribeResult(count, subscribe, resubscribe, onePerFrame);
    }

    /// <summary>The baseline: one SUBSCRIBE per frame, each followed by its whole error window before the next goes out.</summary>
    private static async Task<TimeSpan> OnePerFrameAsync(Uri endpoint, string[] streams, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        foreach (var stream in streams)
        {
            var frame = Encoding.UTF8.GetBytes($"{{\"method\":\"SUBSCRIBE\",\"params\":[\"{stream}\"]}}");
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);

            // Silence is the only acceptance a quiet stream gives: the window is the cost of each one.
            await Task.Delay(Window, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = stopwatch.Elapsed;
        socket.Abort();
        return elapsed;
    }
}
