using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>Every public stream family, end to end: the simulator publishes, the real client parses and routes.</summary>
public sealed class EveryPublicStreamTests
{
    [Fact]
    public async Task EveryPublicFamily_DeliversTypedItemsForItsOwnSymbol()
    {
        await using var exchange = await SimulatedExchange.StartAsync(o => o.LiquidationProbability = 0.5);

        // A short error window: valid streams are accepted by silence; nothing here expects a rejection.
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = exchange.Server.WebSocketUri,
            SubscribeErrorWindow = TimeSpan.FromMilliseconds(50),
        });
        await using var depth = await client.SubscribeAsync(BackpackStreams.Depth("SOL_USDC")).OrTimeout();
        await using var depth200 = await client.SubscribeAsync(BackpackStreams.Depth("SOL_USDC", DepthInterval.Milliseconds200)).OrTimeout();
        await using var bookTicker = await client.SubscribeAsync(BackpackStreams.BookTicker("SOL_USDC")).OrTimeout();
        await using var trades = await client.SubscribeAsync(BackpackStreams.Trades("SOL_USDC")).OrTimeout();
        await using var ticker = await client.SubscribeAsync(BackpackStreams.Ticker("SOL_USDC")).OrTimeout();
        await using var klines = await client.SubscribeAsync(BackpackStreams.Klines("SOL_USDC", KlineInterval.OneMinute)).OrTimeout();
        await using var markPrice = await client.SubscribeAsync(BackpackStreams.MarkPrice("SOL_USDC_PERP")).OrTimeout();
        await using var openInterest = await client.SubscribeAsync(BackpackStreams.OpenInterest("SOL_USDC_PERP")).OrTimeout();
        await using var liquidations = await client.SubscribeAsync(BackpackStreams.Liquidations()).OrTimeout();
        await using var externalTicker = await client.SubscribeAsync(BackpackStreams.ExternalTicker("SOL_USDC")).OrTimeout();
        await using var stockPrice = await client.SubscribeAsync(BackpackStreams.StockPrice("NVDA")).OrTimeout();
        await using var stockQuote = await client.SubscribeAsync(BackpackStreams.StockIndicativeQuote("NVDA")).OrTimeout();

        foreach (var stream in client.ActiveStreams)
        {
            await exchange.Server.WaitForSubscriptionAsync(stream).OrTimeout();
        }

        await exchange.StepAsync(150, TimeSpan.FromSeconds(1));
        await exchange.Simulator.StepAsync(1); // flush: the last step's frames are sent before this one starts

        var depthItems = await DrainAsync(depth);
        Assert.NotEmpty(depthItems);
        Assert.All(depthItems, d => Assert.Equal("SOL_USDC", d.Symbol));
        for (var i = 1; i < depthItems.Count; i++)
        {
            Assert.Equal(depthItems[i - 1].LastUpdateId + 1, depthItems[i].FirstUpdateId);
        }

        Assert.NotEmpty(await DrainAsync(depth200));
        Assert.All(await DrainAsync(bookTicker), b => Assert.True(b.BestBidPrice < b.BestAskPrice));
        Assert.All(await DrainAsync(trades), t => Assert.True(t.Price > 0 && t.Quantity > 0));
        Assert.All(await DrainAsync(ticker), t => Assert.Equal("SOL_USDC", t.Symbol));
        Assert.All(await DrainAsync(klines), k => Assert.Equal(KlineInterval.OneMinute, k.Interval));
        Assert.All(await DrainAsync(markPrice), m => Assert.Equal("SOL_USDC_PERP", m.Symbol));
        Assert.All(await DrainAsync(openInterest), o => Assert.Equal("SOL_USDC_PERP", o.Symbol));
        Assert.All(await DrainAsync(liquidations), l => Assert.NotEqual(Side.Unknown, l.Side));
        Assert.All(await DrainAsync(externalTicker), t => Assert.True(t.Symbol == "SOL_USDC" && t.Low <= t.Close && t.Close <= t.High));
        Assert.All(await DrainAsync(stockPrice), p => Assert.True(p.Ticker == "NVDA" && p.Bid < p.Mid && p.Mid < p.Ask && p.Session is not null));
        Assert.All(await DrainAsync(stockQuote), q => Assert.True(q.Ticker == "NVDA" && q.EstimatedBid < q.EstimatedAsk));
        Assert.Equal(0, client.ParseFailureCount);
    }

    /// <summary>Takes what is buffered now, asserting there is at least one item.</summary>
    private static async Task<List<T>> DrainAsync<T>(BackpackSubscription<T> subscription)
    {
        var items = new List<T>();
        await using var reader = subscription.GetAsyncEnumerator();
        do
        {
            Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout(), $"{subscription.StreamName} ended early.");
            items.Add(reader.Current);
        }
        while (subscription.BufferedCount > 0);

        Assert.Equal(0, subscription.DroppedCount);
        return items;
    }
}
