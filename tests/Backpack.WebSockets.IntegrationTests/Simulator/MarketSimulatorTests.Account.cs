using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;

namespace Backpack.WebSockets.IntegrationTests.Simulator;

public sealed partial class MarketSimulatorTests
{
    [Fact]
    public async Task Account_PublishesOrderBalanceAndPositionEvents()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options =>
        {
            options.AccountPublicKey = TestKeys.PublicKey;
            options.AccountActivity = 0.3;
            options.TradeProbability = 0.5;
        });

        var frames = await exchange.RecordAsync(
            400,
            s_50ms,
            "account.orderUpdate", "account.orderUpdate.SOL_USDC", "account.balanceUpdate", "account.positionUpdate.SOL_USDC_PERP");
        var orders = DataOf(frames, "account.orderUpdate");
        var solOrders = DataOf(frames, "account.orderUpdate.SOL_USDC");
        var balances = DataOf(frames, "account.balanceUpdate");
        var positions = DataOf(frames, "account.positionUpdate.SOL_USDC_PERP");

        Assert.Equal(orders.Where(o => o.GetProperty("s").GetString() == "SOL_USDC").Select(o => o.GetRawText()), solOrders.Select(o => o.GetRawText()));
        var accepted = orders.First(o => o.GetProperty("e").GetString() == "orderAccepted");
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("t").ValueKind);
        Assert.Equal("New", accepted.GetProperty("X").GetString());
        Assert.Equal("LIMIT", accepted.GetProperty("o").GetString());
        var fill = orders.First(o => o.GetProperty("e").GetString() == "orderFill");
        Assert.Equal(JsonValueKind.Number, fill.GetProperty("t").ValueKind);
        Assert.True(fill.GetProperty("m").GetBoolean());
        Assert.Contains(fill.GetProperty("X").GetString(), new[] { "PartiallyFilled", "Filled" });
        foreach (var key in (string[])["L", "l", "n", "N", "z", "Z"])
        {
            Assert.True(fill.TryGetProperty(key, out _), $"orderFill lacks {key}");
        }

        var cancelled = orders.First(o => o.GetProperty("e").GetString() == "orderCancelled");
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("t").ValueKind);
        Assert.Equal("Cancelled", cancelled.GetProperty("X").GetString());
        Assert.All(balances, b =>
        {
            Assert.Equal("balanceUpdate", b.GetProperty("e").GetString());
            Frames.Decimal(b.GetProperty("A"));
            Frames.Decimal(b.GetProperty("L"));
        });
        Assert.NotEmpty(balances);
        Assert.NotEmpty(positions);
        Assert.Equal("positionOpened", positions[0].GetProperty("e").GetString());
        Assert.All(positions, p =>
        {
            Assert.Equal(JsonValueKind.Number, p.GetProperty("i").ValueKind);
            Assert.Equal(JsonValueKind.String, p.GetProperty("q").ValueKind);
            Assert.Equal("0", p.GetProperty("l").GetString());
        });
    }

    [Fact]
    public async Task Account_PositionSnapshotWithoutEventType_IsSentRightAfterSubscribe()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options =>
        {
            options.AccountPublicKey = TestKeys.PublicKey;
            options.InitialPositions = new Dictionary<string, decimal> { ["SOL_USDC_PERP"] = 2.5m };
        });
        await using var socket = await exchange.ConnectAsync();

        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(exchange.Server.UtcNow.ToUnixTimeMilliseconds(), 5000), "account.positionUpdate.BTC_USDC_PERP");
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(exchange.Server.UtcNow.ToUnixTimeMilliseconds(), 5000), "account.positionUpdate");
        var snapshot = Frames.Parse(await socket.ReceiveTextAsync());

        Assert.Equal("account.positionUpdate", Frames.Stream(snapshot));
        var data = Frames.Data(snapshot);
        Assert.False(data.TryGetProperty("e", out _));
        Assert.Equal("SOL_USDC_PERP", data.GetProperty("s").GetString());
        Assert.Equal(2.5m, Frames.Decimal(data.GetProperty("q")));
        Assert.Empty(await exchange.DrainAsync(socket));
    }

    [Fact]
    public async Task Account_WithoutAccountKey_PublishesNoPrivateEvents()
    {
        await using var exchange = await SimulatedExchange.StartAsync(options => options.AccountActivity = 1);

        var frames = await exchange.RecordAsync(50, s_50ms, "account.orderUpdate", "account.balanceUpdate");

        Assert.Empty(frames);
    }
}
