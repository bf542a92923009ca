using System.Globalization;
using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;

namespace Backpack.WebSockets.IntegrationTests.Rest;

/// <summary>The simulator's account activity is served by the signed REST reads with the values its streams published.</summary>
public sealed class SimulatorAccountRestTests
{
    [Fact]
    public async Task SimulatorAccount_RestAgreesWithTheLastStreamEventOfEachOrderAndAsset()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options =>
        {
            options.AccountPublicKey = TestKeys.PublicKey;
            options.AccountActivity = 0.3;
            options.TradeProbability = 0.5;
            options.InitialBalances = new Dictionary<string, decimal> { ["USDC"] = 10_000m, ["SOL"] = 50m };
        });
        var frames = await exchange.RecordAsync(300, TimeSpan.FromMilliseconds(50), "account.orderUpdate", "account.balanceUpdate");
        using var rest = new BackpackRestClient(
            new BackpackRestClientOptions { RestEndpoint = exchange.Server.RestUri, ApiSecret = TestKeys.SecretSeed, RequestTimeout = TestTimeouts.Hang },
            timeProvider: exchange.Time);

        var history = new List<Order>();
        await foreach (var order in rest.GetOrderHistoryAsync().WithCancellation(new CancellationTokenSource(TestTimeouts.Hang).Token))
        {
            history.Add(order);
        }

        var open = await rest.GetOpenOrdersAsync().OrTimeout();
        var balances = await rest.GetBalancesAsync().OrTimeout();
        var events = frames.Select(f => JsonDocument.Parse(f).RootElement).ToList();
        var lastOrderEvents = events
            .Where(e => e.GetProperty("stream").GetString() == "account.orderUpdate")
            .Select(e => e.GetProperty("data"))
            .GroupBy(d => d.GetProperty("i").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last());
        var lastBalances = events
            .Where(e => e.GetProperty("stream").GetString() == "account.balanceUpdate")
            .Select(e => e.GetProperty("data"))
            .GroupBy(d => d.GetProperty("a").GetString()!)
            .ToDictionary(g => g.Key, g => g.Last());

        Assert.NotEmpty(lastOrderEvents);
        Assert.Equal(lastOrderEvents.Keys.Order(), history.Select(o => o.Id).Order());
        foreach (var order in history)
        {
            var last = lastOrderEvents[order.Id];
            Assert.Equal(last.GetProperty("X").GetString(), order.Status.ToString());
            Assert.Equal(Frames.Decimal(last.GetProperty("z")), order.ExecutedQuantity);
            Assert.Equal(Frames.Decimal(last.GetProperty("Z")), order.ExecutedQuoteQuantity);
        }

        Assert.Equal(history.Where(o => o.Status is OrderStatus.New or OrderStatus.PartiallyFilled).Select(o => o.Id), open.Select(o => o.Id));
        foreach (var (asset, last) in lastBalances)
        {
            Assert.Equal(Frames.Decimal(last.GetProperty("A")), balances[asset].Available);
            Assert.Equal(Frames.Decimal(last.GetProperty("L")), balances[asset].Locked);
        }

        var fills = new List<Fill>();
        await foreach (var fill in rest.GetFillsAsync().WithCancellation(new CancellationTokenSource(TestTimeouts.Hang).Token))
        {
            fills.Add(fill);
        }

        var streamFills = events
            .Select(e => e.GetProperty("data"))
            .Where(d => d.TryGetProperty("e", out var type) && type.GetString() == "orderFill")
            .Select(d => d.GetProperty("t").GetInt64().ToString(CultureInfo.InvariantCulture) + "/" + d.GetProperty("s").GetString())
            .ToList();
        Assert.Equal(streamFills, fills.Select(f => f.TradeId!.Value.ToString(CultureInfo.InvariantCulture) + "/" + f.Symbol));
    }
}
