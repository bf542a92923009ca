using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>
/// Many quiet streams against the fake exchange over real sockets: one frame per connection and kind, and an invalid
/// stream among them narrowed down whether the server rejects the whole frame or only the bad member.
/// </summary>
public sealed class BatchedSubscribeLoopbackTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task QuietStreams_120PublicAnd3Private_GoOutInOneFramePerConnection_AndComeBackTheSameWayAfterADrop()
    {
        var symbols = Symbols(120);
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { KnownSymbols = [.. symbols], ApiPublicKey = TestKeys.PublicKey });
        await server.StartAsync();
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = server.WebSocketUri,
            RestEndpoint = server.RestUri,
            ApiSecret = TestKeys.SecretSeed,
            SubscribeErrorWindow = Window,
        });
        var back = 0;
        var bothBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ =>
        {
            if (Interlocked.Increment(ref back) == 2)
            {
                bothBack.TrySetResult();
            }

            return Task.CompletedTask;
        };

        var pending = symbols.Select(s => (Task)client.SubscribeAsync(BackpackStreams.Klines(s, KlineInterval.OneHour))).ToList();
        pending.Add(client.SubscribeAsync(BackpackStreams.OrderUpdates()));
        pending.Add(client.SubscribeAsync(BackpackStreams.PositionUpdates()));
        pending.Add(client.SubscribeAsync(BackpackStreams.BalanceUpdates()));
        await Task.WhenAll(pending).OrTimeout();

        var first = server.Requests.Where(r => r.Method == "SUBSCRIBE").ToList();
        Assert.Equal(123, first.Sum(r => r.Params.Count));
        Assert.All(first, r => Assert.Null(r.ErrorCode));
        Assert.Single(first, r => r.HasSignature && r.Params.Count == 3);

        // Subscribes that arrive while frames go out join the next frame: far fewer frames than streams (the exact count
        // depends on timing here; the unit tests pin it with a held handshake).
        Assert.InRange(first.Count(r => !r.HasSignature), 1, 20);

        var before = server.Requests.Count;
        server.DropAllConnections();
        await bothBack.Task.OrTimeout();
        var again = server.Requests.Skip(before).Where(r => r.Method == "SUBSCRIBE").ToList();
        Assert.Equal(2, again.Count);
        Assert.Equal([3, 120], again.Select(r => r.Params.Count).Order());
        Assert.Equal(123, client.Connections.Sum(c => c.Streams.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OneInvalidStreamAmongMany_OnlyItFails_WhetherTheServerRejectsTheFrameOrTheMember(bool memberOnly)
    {
        var symbols = Symbols(40);
        await using var server = new BackpackTestServer(new BackpackTestServerOptions { KnownSymbols = [.. symbols], RejectUnknownSymbols = true, RejectInvalidMembersOnly = memberOnly });
        await server.StartAsync();
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions { Endpoint = server.WebSocketUri, RestEndpoint = server.RestUri, SubscribeErrorWindow = Window, ValidateSymbols = false });
        await client.ConnectAsync().OrTimeout();

        var good = symbols.Select(s => client.SubscribeAsync(BackpackStreams.Klines(s, KlineInterval.OneHour))).ToList();
        var bad = client.SubscribeAsync(BackpackStreams.Klines("NOPE_USDC", KlineInterval.OneHour));

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => bad.OrTimeout());
        var subscriptions = await Task.WhenAll(good).OrTimeout();
        Assert.Equal((BackpackStreamErrorCode.SubscriptionRejected, 4006, "kline.1h.NOPE_USDC"), (error.ErrorCode, error.ServerCode, error.StreamName));
        Assert.Equal(40, client.ActiveStreams.Count);
        Assert.All(symbols, s => Assert.True(server.HasSubscribers($"kline.1h.{s}"), s));

        // The hunt shows in the server's log: after the first rejection, frames of fewer streams, the last with the bad one alone.
        var frames = server.Requests.Where(r => r.Method == "SUBSCRIBE").ToList();
        Assert.True(frames.Count > 2, $"{frames.Count} frames");
        Assert.Equal(["kline.1h.NOPE_USDC"], frames.Last(r => r.ErrorCode is not null).Params);
        Assert.Equal(0, client.UnattributedErrorCount);
        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }

    private static string[] Symbols(int count) => [.. Enumerable.Range(0, count).Select(i => $"B{i:D3}_USDC")];
}
