namespace Backpack.WebSockets.Rest;

/// <summary>
/// Filters for <see cref="BackpackRestClient.GetFillsAsync"/> (<c>GET /wapi/v1/history/fills</c>, spec §9.5.2). Unset
/// filters are not sent. Text values must consist of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.
/// </summary>
public sealed record FillQuery
{
    /// <summary>Only the fills of this order (<c>orderId</c>).</summary>
    public string? OrderId { get; init; }

    /// <summary>Only the fills of this strategy (<c>strategyId</c>).</summary>
    public string? StrategyId { get; init; }

    /// <summary>Only this market (<c>symbol</c>).</summary>
    public string? Symbol { get; init; }

    /// <summary>Fills at or after this time (<c>from</c>, inclusive, sent in milliseconds).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Fills before this time (<c>to</c>, exclusive, sent in milliseconds).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// The fill type (<c>fillType</c>): <c>User</c> for own orders only, or <c>BookLiquidation</c>, <c>Adl</c>,
    /// <c>Backstop</c>, <c>Liquidation</c>, <c>AllLiquidation</c>, <c>CollateralConversion</c>,
    /// <c>CollateralConversionAndSpotLiquidation</c>. By default the server includes system fills.
    /// </summary>
    public string? FillType { get; init; }

    /// <summary>One market type (<c>marketType</c>), for example <c>PERP</c>; the client never sends more than one.</summary>
    public string? MarketType { get; init; }

    /// <summary>The asset class (<c>assetClass</c>): <c>CRYPTO</c> or <c>STOCK</c>.</summary>
    public string? AssetClass { get; init; }

    /// <summary>The order of the rows (<c>sortDirection</c>, always sent).</summary>
    /// <value>Defaults to <see cref="SortDirection.Ascending"/>.</value>
    public SortDirection SortDirection { get; init; }

    /// <summary>How many rows each page request asks for (<c>limit</c>).</summary>
    /// <value>Defaults to 1000, the exchange's maximum; from 1 to 1000.</value>
    public int PageSize { get; init; } = BackpackRestClient.MaxPageSize;
}
