using System.Globalization;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>The client spreading streams over several connections when the exchange limits streams per connection.</summary>
public sealed class ManyStreamsLoopbackTests : IAsyncLifetime
{
    private static readonly string[] Symbols = ["SOL_USDC", "BTC_USDC", "ETH_USDC", "SOL_USDC_PERP", "BTC_USDC_PERP"];

    private readonly BackpackTestServer _server = new(new BackpackTestServerOptions { MaxStreamsPerConnection = 2 });

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FiveStreams_TwoPerConnection_FlowOverThreeConnections_AndSurviveADropOfAll()
    {
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = _server.WebSocketUri,
            RestEndpoint = _server.RestUri,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
            MaxStreamsPerConnection = 2,
        });
        var reconnected = 0;
        var allReconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ =>
        {
            if (Interlocked.Increment(ref reconnected) == 3)
            {
                allReconnected.TrySetResult();
            }

            return Task.CompletedTask;
        };

        var pending = Symbols.Select(s => client.SubscribeAsync(BackpackStreams.Trades(s))).ToArray();
        await Task.WhenAll(Symbols.Select(s => PublishWhenSubscribedAsync(s, 1)));
        var subscriptions = await Task.WhenAll(pending).OrTimeout();
        var readers = subscriptions.Select(s => s.GetAsyncEnumerator()).ToArray();
        foreach (var reader in readers)
        {
            Assert.Equal(1, (await reader.NextAsync()).TradeId);
        }

        Assert.Equal(3, _server.ConnectionCount);
        Assert.DoesNotContain(_server.Requests, r => r.ErrorCode is not null);

        _server.DropAllConnections();
        await Task.WhenAll(Symbols.Select(s => PublishWhenSubscribedAsync(s, 2)));

        for (var i = 0; i < readers.Length; i++)
        {
            var trade = await readers[i].NextAsync();
            Assert.Equal((2, Symbols[i]), (trade.TradeId, trade.Symbol));
        }

        await allReconnected.Task.OrTimeout();
        Assert.Equal(3, _server.ConnectionCount);
        Assert.Equal(6, _server.TotalConnectionCount);
        Assert.Equal(Symbols.Length, client.ActiveStreams.Count);
        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    private async Task PublishWhenSubscribedAsync(string symbol, int id)
    {
        var stream = "trade." + symbol;
        await _server.WaitForSubscriptionAsync(stream).OrTimeout();
        Assert.Equal(1, await _server.PublishAsync(stream, string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"E\":1790915531026313,\"T\":1790915531025000,\"a\":\"1\",\"b\":\"2\",\"e\":\"trade\",\"m\":true,\"p\":\"1.5\",\"q\":\"0.5\",\"s\":\"{symbol}\",\"t\":{id}}}")));
    }
}
