using System.Diagnostics;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// Part 5b of the quick mode, with the default 1 s error window, on loopback against the fake exchange: 120 quiet public and
/// 3 quiet private streams subscribed at once; the same after a drop; and 120 public streams with one invalid among them,
/// which the fake exchange answers by rejecting the whole frame (the worst case) or only the bad member.
/// </summary>
internal static class QuickSubscribeGoals
{
    public static async Task<QuickSubscribeGoalsResult> MeasureAsync(bool smoke, CancellationToken cancellationToken)
    {
        var count = smoke ? 8 : 120;
        var symbols = Enumerable.Range(0, count).Select(i => $"G{i:D3}_USDC").ToArray();
        var (subscribe, resubscribe) = await SubscribeAndResubscribeAsync(symbols, cancellationToken).ConfigureAwait(false);
        var whole = await WithOneInvalidAsync(symbols, rejectMemberOnly: false, cancellationToken).ConfigureAwait(false);
        var member = await WithOneInvalidAsync(symbols, rejectMemberOnly: true, cancellationToken).ConfigureAwait(false);
        return new QuickSubscribeGoalsResult(count, subscribe, resubscribe, whole, member);
    }

    private static async Task<(TimeSpan Subscribe, TimeSpan Resubscribe)> SubscribeAndResubscribeAsync(string[] symbols, CancellationToken cancellationToken)
    {
        using var signer = Authentication.Ed25519Signer.FromBase64SecretKey(Convert.ToBase64String(new byte[32]));
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { KnownSymbols = [.. symbols], ApiPublicKey = signer.PublicKeyBase64 });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = server.WebSocketUri,
            RestEndpoint = server.RestUri,
            ApiSecret = Convert.ToBase64String(new byte[32]),
        });
        var reconnects = 0;
        var bothBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ =>
        {
            if (Interlocked.Increment(ref reconnects) == 2)
            {
                bothBack.TrySetResult();
            }

            return Task.CompletedTask;
        };

        var stopwatch = Stopwatch.StartNew();
        var pending = new List<Task>();
        pending.AddRange(symbols.Select(s => (Task)client.SubscribeAsync(BackpackStreams.Klines(s, Models.KlineInterval.OneHour), cancellationToken)));
        pending.Add(client.SubscribeAsync(BackpackStreams.OrderUpdates(), cancellationToken));
        pending.Add(client.SubscribeAsync(BackpackStreams.PositionUpdates(), cancellationToken));
        pending.Add(client.SubscribeAsync(BackpackStreams.BalanceUpdates(), cancellationToken));
        await Task.WhenAll(pending).ConfigureAwait(false);
        var subscribe = stopwatch.Elapsed;

        stopwatch.Restart();
        server.DropAllConnections();
        await bothBack.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        return (subscribe, stopwatch.Elapsed);
    }

    private static async Task<InvalidStreamRun> WithOneInvalidAsync(string[] symbols, bool rejectMemberOnly, CancellationToken cancellationToken)
    {
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { KnownSymbols = [.. symbols], RejectInvalidMembersOnly = rejectMemberOnly });
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions { Endpoint = server.WebSocketUri, RestEndpoint = server.RestUri });
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);

        var stopwatch = Stopwatch.StartNew();
        var good = symbols.Skip(1).Select(s => Timed(client.SubscribeAsync(BackpackStreams.Klines(s, Models.KlineInterval.OneHour), cancellationToken), stopwatch)).ToList();
        var bad = Timed(client.SubscribeAsync(new BackpackStream<string>("nope." + symbols[0], static _ => string.Empty), cancellationToken), stopwatch);
        await Task.WhenAll([.. good, bad]).ConfigureAwait(false);
        var frames = server.Requests.Count(r => r.Method == "SUBSCRIBE");
        return new InvalidStreamRun(good.Max(t => t.Result), bad.Result, frames);
    }

    /// <summary>When the subscribe settled (accepted or rejected), on <paramref name="stopwatch"/>.</summary>
    private static async Task<TimeSpan> Timed(Task subscribe, Stopwatch stopwatch)
    {
        try
        {
            await subscribe.ConfigureAwait(false);
        }
        catch (BackpackStreamException)
        {
            // The invalid stream: its rejection is the figure.
        }

        return stopwatch.Elapsed;
    }
}
