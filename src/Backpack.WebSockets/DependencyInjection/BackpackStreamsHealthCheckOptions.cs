namespace Backpack.WebSockets;

/// <summary>
/// Thresholds of a <see cref="BackpackStreamsHealthCheck"/>: how long the connection may be down, and an order book unusable,
/// before the check reports <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded"/> and then
/// <see cref="Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy"/>. A duration equal to a threshold
/// reaches it.
/// </summary>
/// <remarks>
/// Setters reject negative values with <see cref="ArgumentOutOfRangeException"/>; <see cref="Validate"/> (run when the check
/// is created) also requires each Unhealthy threshold to be at least its Degraded one. Use <see cref="TimeSpan.MaxValue"/>
/// for "never".
/// </remarks>
public sealed class BackpackStreamsHealthCheckOptions
{
    /// <summary>The default <see cref="ConnectionDegradedAfter"/>, 15 s: longer than the first few reconnect attempts of the default policy.</summary>
    public static readonly TimeSpan DefaultConnectionDegradedAfter = TimeSpan.FromSeconds(15);

    /// <summary>The default <see cref="ConnectionUnhealthyAfter"/>, 2 min.</summary>
    public static readonly TimeSpan DefaultConnectionUnhealthyAfter = TimeSpan.FromMinutes(2);

    /// <summary>The default <see cref="OrderBookDegradedAfter"/>, 15 s.</summary>
    public static readonly TimeSpan DefaultOrderBookDegradedAfter = TimeSpan.FromSeconds(15);

    /// <summary>The default <see cref="OrderBookUnhealthyAfter"/>, 1 min.</summary>
    public static readonly TimeSpan DefaultOrderBookUnhealthyAfter = TimeSpan.FromMinutes(1);

    private TimeSpan _connectionDegradedAfter = DefaultConnectionDegradedAfter;
    private TimeSpan _connectionUnhealthyAfter = DefaultConnectionUnhealthyAfter;
    private TimeSpan _orderBookDegradedAfter = DefaultOrderBookDegradedAfter;
    private TimeSpan _orderBookUnhealthyAfter = DefaultOrderBookUnhealthyAfter;

    /// <summary>
    /// How long the client may be <see cref="BackpackConnectionState.Reconnecting"/> (or <see cref="BackpackConnectionState.Connecting"/>)
    /// before the check reports Degraded.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultConnectionDegradedAfter"/>; not negative.</value>
    public TimeSpan ConnectionDegradedAfter
    {
        get => _connectionDegradedAfter;
        set => _connectionDegradedAfter = NotNegative(value, nameof(ConnectionDegradedAfter));
    }

    /// <summary>How long the client may be reconnecting (or connecting) before the check reports Unhealthy.</summary>
    /// <value>Defaults to <see cref="DefaultConnectionUnhealthyAfter"/>; not negative, and at least <see cref="ConnectionDegradedAfter"/>.</value>
    public TimeSpan ConnectionUnhealthyAfter
    {
        get => _connectionUnhealthyAfter;
        set => _connectionUnhealthyAfter = NotNegative(value, nameof(ConnectionUnhealthyAfter));
    }

    /// <summary>
    /// How long a watched order book may be <see cref="OrderBook.OrderBookState.Syncing"/> or
    /// <see cref="OrderBook.OrderBookState.Stale"/> before the check reports Degraded.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultOrderBookDegradedAfter"/>; not negative.</value>
    public TimeSpan OrderBookDegradedAfter
    {
        get => _orderBookDegradedAfter;
        set => _orderBookDegradedAfter = NotNegative(value, nameof(OrderBookDegradedAfter));
    }

    /// <summary>How long a watched order book may be Syncing or Stale before the check reports Unhealthy.</summary>
    /// <value>Defaults to <see cref="DefaultOrderBookUnhealthyAfter"/>; not negative, and at least <see cref="OrderBookDegradedAfter"/>.</value>
    public TimeSpan OrderBookUnhealthyAfter
    {
        get => _orderBookUnhealthyAfter;
        set => _orderBookUnhealthyAfter = NotNegative(value, nameof(OrderBookUnhealthyAfter));
    }

    /// <summary>Checks the rules that involve more than one property.</summary>
    /// <exception cref="ArgumentException">An Unhealthy threshold is shorter than its Degraded one.</exception>
    public void Validate()
    {
        if (ConnectionUnhealthyAfter < ConnectionDegradedAfter)
        {
            throw new ArgumentException($"{nameof(ConnectionUnhealthyAfter)} ({ConnectionUnhealthyAfter}) must be at least {nameof(ConnectionDegradedAfter)} ({ConnectionDegradedAfter}).", nameof(ConnectionUnhealthyAfter));
        }

        if (OrderBookUnhealthyAfter < OrderBookDegradedAfter)
        {
            throw new ArgumentException($"{nameof(OrderBookUnhealthyAfter)} ({OrderBookUnhealthyAfter}) must be at least {nameof(OrderBookDegradedAfter)} ({OrderBookDegradedAfter}).", nameof(OrderBookUnhealthyAfter));
        }
    }

    /// <summary>Copies the options, so later changes to the original have no effect on a check.</summary>
    internal BackpackStreamsHealthCheckOptions Clone() => (BackpackStreamsHealthCheckOptions)MemberwiseClone();

    private static TimeSpan NotNegative(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        return value;
    }
}
