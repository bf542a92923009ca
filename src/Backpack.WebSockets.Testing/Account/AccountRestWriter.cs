using System.Globalization;
using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Writes the account's REST replies as the live exchange does (spec §9.5.5): keys in ordinal order, unset optionals as
/// explicit <c>null</c>, decimals as strings, <c>createdAt</c> in milliseconds on resting orders but a naive UTC string in
/// history, fill <c>timestamp</c> naive, <c>positionId</c> a string.
/// </summary>
internal static class AccountRestWriter
{
    /// <summary>The naive UTC date-time of history rows, with milliseconds.</summary>
    private const string NaiveFormat = "yyyy-MM-dd'T'HH:mm:ss.fff";

    /// <summary>Writes an order: the resting shape of <c>/api/v1/orders</c>, or the history shape.</summary>
    public static void WriteOrder(Utf8JsonWriter writer, Order order, bool history)
    {
        writer.WriteStartObject();
        NullableNumber(writer, "clientId", order.ClientId);
        if (history)
        {
            writer.WriteString("createdAt", Naive(order.CreatedAt));
        }
        else
        {
            writer.WriteNumber("createdAt", order.CreatedAt.ToUnixTimeMilliseconds());
        }

        Decimal(writer, "executedQuantity", order.ExecutedQuantity);
        Decimal(writer, "executedQuoteQuantity", order.ExecutedQuoteQuantity);
        if (history)
        {
            NullableString(writer, "expiryReason", order.ExpiryReason);
        }

        writer.WriteString("id", order.Id);
        writer.WriteString("orderType", order.OrderType == OrderType.Market ? "Market" : "Limit");
        writer.WriteBoolean("postOnly", order.PostOnly ?? false);
        NullableDecimal(writer, "price", order.Price);
        NullableDecimal(writer, "quantity", order.Quantity);
        if (history)
        {
            NullableDecimal(writer, "quoteQuantity", order.QuoteQuantity);
        }
        else
        {
            writer.WriteNull("reduceOnly");
            writer.WriteNull("relatedOrderId");
        }

        writer.WriteString("selfTradePrevention", WireNames.Of(order.SelfTradePrevention));
        writer.WriteString("side", WireNames.Of(order.Side));
        if (history)
        {
            writer.WriteNull("slippageTolerance");
            writer.WriteNull("slippageToleranceType");
        }

        writer.WriteString("status", WireNames.Of(order.Status));
        writer.WriteNull("stopLossLimitPrice");
        writer.WriteNull("stopLossTriggerBy");
        writer.WriteNull("stopLossTriggerPrice");
        writer.WriteNull("strategyId");
        writer.WriteString("symbol", order.Symbol);
        if (history)
        {
            writer.WriteNull("systemOrderType");
        }

        writer.WriteNull("takeProfitLimitPrice");
        writer.WriteNull("takeProfitTriggerBy");
        writer.WriteNull("takeProfitTriggerPrice");
        writer.WriteString("timeInForce", WireNames.Of(order.TimeInForce));
        writer.WriteNull("triggerBy");
        writer.WriteNull("triggerPrice");
        writer.WriteNull("triggerQuantity");
        if (!history)
        {
            writer.WriteNull("triggeredAt");
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one fill of <c>/wapi/v1/history/fills</c>.</summary>
    public static void WriteFill(Utf8JsonWriter writer, Fill fill)
    {
        writer.WriteStartObject();
        NullableString(writer, "clientId", fill.ClientId);
        Decimal(writer, "fee", fill.Fee);
        NullableString(writer, "feeSymbol", fill.FeeSymbol);
        writer.WriteBoolean("isMaker", fill.IsMaker);
        writer.WriteString("orderId", fill.OrderId);
        Decimal(writer, "price", fill.Price);
        Decimal(writer, "quantity", fill.Quantity);
        writer.WriteString("side", WireNames.Of(fill.Side));
        writer.WriteString("symbol", fill.Symbol);
        NullableString(writer, "systemOrderType", fill.SystemOrderType);
        writer.WriteString("timestamp", Naive(fill.Timestamp));
        NullableNumber(writer, "tradeId", fill.TradeId);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>/api/v1/capital</c>: an object keyed by asset.</summary>
    public static void WriteBalances(Utf8JsonWriter writer, IEnumerable<AssetBalance> balances)
    {
        writer.WriteStartObject();
        foreach (var balance in balances.OrderBy(static b => b.Asset, StringComparer.Ordinal))
        {
            writer.WriteStartObject(balance.Asset);
            Decimal(writer, "available", balance.Available);
            Decimal(writer, "locked", balance.Locked);
            Decimal(writer, "staked", balance.Staked);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>/api/v1/capital/collateral</c> from the balances, every asset marked at 1 with weight 1 (the fake keeps no
    /// prices); <c>marginFraction</c> is <c>null</c> without positions, as live.
    /// </summary>
    public static void WriteCollateral(Utf8JsonWriter writer, IReadOnlyCollection<AssetBalance> balances, IReadOnlyCollection<FuturePosition> positions)
    {
        var total = balances.Sum(static b => b.Available + b.Locked + b.Staked);
        var locked = balances.Sum(static b => b.Locked);
        var unrealized = positions.Sum(static p => p.PnlUnrealized);
        writer.WriteStartObject();
        Decimal(writer, "assetsValue", total);
        Decimal(writer, "borrowLiability", 0m);
        writer.WriteStartArray("collateral");
        foreach (var balance in balances.OrderBy(static b => b.Asset, StringComparer.Ordinal))
        {
            var quantity = balance.Available + balance.Locked + balance.Staked;
            writer.WriteStartObject();
            Decimal(writer, "assetMarkPrice", 1m);
            Decimal(writer, "availableQuantity", balance.Available);
            Decimal(writer, "balanceNotional", quantity);
            Decimal(writer, "collateralValue", quantity);
            Decimal(writer, "collateralWeight", 1m);
            Decimal(writer, "lendQuantity", 0m);
            Decimal(writer, "openOrderQuantity", balance.Locked);
            writer.WriteString("symbol", balance.Asset);
            Decimal(writer, "totalQuantity", quantity);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Decimal(writer, "imf", 1m);
        Decimal(writer, "liabilitiesValue", 0m);
        if (positions.Count == 0)
        {
            writer.WriteNull("marginFraction");
        }
        else
        {
            Decimal(writer, "marginFraction", 1m);
        }

        Decimal(writer, "mmf", 0.007m);
        Decimal(writer, "netEquity", total + unrealized);
        Decimal(writer, "netEquityAvailable", total - locked + unrealized);
        Decimal(writer, "netEquityLocked", locked);
        Decimal(writer, "netExposureFutures", positions.Sum(static p => p.NetExposureNotional));
        Decimal(writer, "pnlUnrealized", unrealized);
        Decimal(writer, "unsettledEquity", 0m);
        writer.WriteEndObject();
    }

    /// <summary>Writes one <c>FuturePositionWithMargin</c> of <c>/api/v1/position</c>.</summary>
    public static void WritePosition(Utf8JsonWriter writer, FuturePosition position)
    {
        writer.WriteStartObject();
        Decimal(writer, "breakEvenPrice", position.BreakEvenPrice);
        Decimal(writer, "cumulativeFundingPayment", position.CumulativeFundingPayment);
        NullableDecimal(writer, "cumulativeInterest", position.CumulativeInterest);
        Decimal(writer, "entryPrice", position.EntryPrice);
        Decimal(writer, "estLiquidationPrice", position.EstLiquidationPrice);
        Decimal(writer, "imf", position.Imf);
        writer.WriteNull("imfFunction");
        Decimal(writer, "markPrice", position.MarkPrice);
        Decimal(writer, "mmf", position.Mmf);
        writer.WriteNull("mmfFunction");
        Decimal(writer, "netCost", position.NetCost);
        Decimal(writer, "netExposureNotional", position.NetExposureNotional);
        Decimal(writer, "netExposureQuantity", position.NetExposureQuantity);
        Decimal(writer, "netQuantity", position.NetQuantity);
        Decimal(writer, "pnlRealized", position.PnlRealized);
        Decimal(writer, "pnlUnrealized", position.PnlUnrealized);
        NullableString(writer, "positionId", position.PositionId);
        writer.WriteNull("subaccountId");
        writer.WriteString("symbol", position.Symbol);
        NullableNumber(writer, "userId", position.UserId);
        writer.WriteEndObject();
    }

    private static string Naive(DateTimeOffset time) => time.UtcDateTime.ToString(NaiveFormat, CultureInfo.InvariantCulture);

    private static void Decimal(Utf8JsonWriter writer, string name, decimal value) =>
        writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));

    private static void NullableDecimal(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            Decimal(writer, name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void NullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void NullableNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
