using System.Globalization;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>Orders, fills and events for the tracker's tests, built the way the exchange would send them.</summary>
internal static class AccountModels
{
    public const string Symbol = "SOL_USDC";

    public static Order Order(long id, OrderStatus status = OrderStatus.New, decimal executed = 0m, decimal quantity = 3m) => new()
    {
        Id = id.ToString(CultureInfo.InvariantCulture),
        Symbol = Symbol,
        Side = Side.Bid,
        OrderType = OrderType.Limit,
        Status = status,
        TimeInForce = TimeInForce.GoodTillCancelled,
        SelfTradePrevention = SelfTradePrevention.RejectTaker,
        Price = 150m,
        Quantity = quantity,
        ExecutedQuantity = executed,
        ExecutedQuoteQuantity = executed * 150m,
        PostOnly = false,
        CreatedAt = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero),
    };

    public static OrderUpdate Event(long id, OrderEventType type, OrderStatus status, decimal executed, DateTimeOffset time, long? tradeId = null, decimal? fillQuantity = null) => new()
    {
        EventType = type,
        Symbol = Symbol,
        EventTime = time,
        EngineTime = time,
        OrderId = id,
        Side = Side.Bid,
        OrderType = OrderType.Limit,
        TimeInForce = TimeInForce.GoodTillCancelled,
        Quantity = 3m,
        QuoteQuantity = 450m,
        Price = 150m,
        Status = status,
        TradeId = tradeId,
        FillQuantity = fillQuantity,
        FillPrice = tradeId is null ? null : 150m,
        IsMaker = tradeId is null ? null : true,
        Fee = tradeId is null ? null : 0m,
        FeeSymbol = tradeId is null ? null : "USDC",
        ExecutedQuantity = executed,
        ExecutedQuoteQuantity = executed * 150m,
        SelfTradePrevention = SelfTradePrevention.RejectTaker,
        Origin = OrderOrigin.User,
        PostOnly = false,
        ReduceOnly = false,
    };

    public static Fill Fill(long orderId, long tradeId, decimal quantity, DateTimeOffset time) => new()
    {
        TradeId = tradeId,
        OrderId = orderId.ToString(CultureInfo.InvariantCulture),
        Symbol = Symbol,
        Side = Side.Bid,
        Price = 150m,
        Quantity = quantity,
        FeeSymbol = "USDC",
        IsMaker = true,
        Timestamp = time,
    };

    public static BalanceUpdate Balance(string asset, decimal available, DateTimeOffset time) =>
        new() { Asset = asset, Available = available, EventTime = time, EngineTime = time };
}
