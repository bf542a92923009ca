namespace Backpack.WebSockets.Rest;

/// <summary>
/// Filters for <see cref="BackpackRestClient.GetOrderHistoryAsync"/> (<c>GET /wapi/v1/history/orders</c>, spec §9.5.2).
/// The endpoint has no time filter. Unset filters are not sent. Text values must consist of letters, digits, <c>.</c>,
/// <c>_</c> and <c>-</c>.
/// </summary>
public sealed record OrderHistoryQuery
{
    /// <summary>Only this order (<c>orderId</c>).</summary>
    public string? OrderId { get; init; }

    /// <summary>Only the orders of this strategy (<c>strategyId</c>).</summary>
    public string? StrategyId { get; init; }

    /// <summary>Only this market (<c>symbol</c>).</summary>
    public string? Symbol { get; init; }

    /// <summary>One market type (<c>marketType</c>), for example <c>SPOT</c>; the client never sends more than one.</summary>
    public string? MarketType { get; init; }

    /// <summary>The order of the rows (<c>sortDirection</c>, always sent).</summary>
    /// <value>Defaults to <see cref="SortDirection.Ascending"/>.</value>
    public SortDirection SortDirection { get; init; }

    /// <summary>How many rows each page request asks for (<c>limit</c>).</summary>
    /// <value>Defaults to 1000, the exchange's maximum; from 1 to 1000.</value>
    public int PageSize { get; init; } = BackpackRestClient.MaxPageSize;
}
