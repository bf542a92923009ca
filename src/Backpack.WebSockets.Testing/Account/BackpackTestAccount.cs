using System.Globalization;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// The fake exchange's account: open orders, order and fill history, balances and futures positions, served by the signed
/// REST reads of spec §9.5 and changed by the test. Every change publishes the matching <c>account.*</c> stream events, as
/// the exchange would; a change made while no client is subscribed (for example while it is disconnected) is published to
/// nobody, so those events are lost exactly as they are on the real exchange.
/// </summary>
/// <remarks>
/// <para>
/// Orders are limit GTC orders with <c>RejectTaker</c> self-trade prevention. Balances and positions move only when the
/// test moves them (<see cref="SetBalanceAsync"/>, <see cref="SetPositionAsync"/>): a fill does not touch them, so a test
/// states the whole outcome it wants to check.
/// </para>
/// <para>
/// A <see cref="MarketSimulator"/> on the same server records its own account activity here too (orders, fills, balances,
/// positions), so the REST reads serve what its streams published.
/// </para>
/// <para>Thread-safe. Each method returns once its events were sent to every subscribed connection.</para>
/// </remarks>
/// <example>
/// <code>
/// var order = await server.Account.PlaceOrderAsync("SOL_USDC", Side.Bid, 150m, 2m);
/// await server.Account.FillOrderAsync(order.Id, 0.5m);            // PartiallyFilled, one fill in history
/// await server.Account.SetBalanceAsync("USDC", available: 700m, locked: 225m);
/// </code>
/// </example>
public sealed partial class BackpackTestAccount
{
    /// <summary>Guards all state.</summary>
    private readonly Lock _lock = new();

    private readonly BackpackTestServer _server;

    /// <summary>Every order ever placed, in placement order, with its current state.</summary>
    private readonly List<Order> _orders = [];

    private readonly List<Fill> _fills = [];
    private readonly Dictionary<string, AssetBalance> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FuturePosition> _positions = new(StringComparer.Ordinal);

    /// <summary>Positions a <see cref="MarketSimulator"/> recorded: it sends their subscribe snapshot itself.</summary>
    private readonly HashSet<string> _simulatedPositions = new(StringComparer.Ordinal);

    private long _nextOrderId = 70_000_000_000;
    private long _nextTradeId = 9_000_000;
    private long _nextPositionId = 5_000_000_000;

    internal BackpackTestAccount(BackpackTestServer server) => _server = server;

    /// <summary>The orders resting on the book (<c>New</c> or <c>PartiallyFilled</c>), in placement order.</summary>
    public IReadOnlyList<Order> OpenOrders
    {
        get
        {
            lock (_lock)
            {
                return [.. _orders.Where(static o => IsOpen(o.Status))];
            }
        }
    }

    /// <summary>Every order placed, oldest first, in its current state (what <c>/wapi/v1/history/orders</c> serves).</summary>
    public IReadOnlyList<Order> OrderHistory
    {
        get
        {
            lock (_lock)
            {
                return [.. _orders];
            }
        }
    }

    /// <summary>Every fill, oldest first.</summary>
    public IReadOnlyList<Fill> Fills
    {
        get
        {
            lock (_lock)
            {
                return [.. _fills];
            }
        }
    }

    /// <summary>The balances by asset.</summary>
    public IReadOnlyDictionary<string, AssetBalance> Balances
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, AssetBalance>(_balances, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The open (non-flat) futures positions.</summary>
    public IReadOnlyList<FuturePosition> Positions
    {
        get
        {
            lock (_lock)
            {
                return [.. _positions.Values];
            }
        }
    }

    /// <summary>Places a resting limit order and publishes <c>orderAccepted</c>.</summary>
    /// <param name="symbol">The market.</param>
    /// <param name="side">Bid or ask.</param>
    /// <param name="price">The limit price.</param>
    /// <param name="quantity">The base quantity; positive.</param>
    /// <param name="clientId">The client order id, if any.</param>
    /// <param name="cancellationToken">Cancels sending the events (the order is placed regardless).</param>
    /// <returns>The order as placed.</returns>
    /// <exception cref="ArgumentException">An argument is empty, unknown or not positive.</exception>
    public async Task<Order> PlaceOrderAsync(string symbol, Side side, decimal price, decimal quantity, long? clientId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (side is not (Side.Bid or Side.Ask))
        {
            throw new ArgumentException("The side must be Bid or Ask.", nameof(side));
        }

        Order order;
        lock (_lock)
        {
            order = new Order
            {
                Id = (_nextOrderId++).ToString(CultureInfo.InvariantCulture),
                ClientId = clientId,
                Symbol = symbol,
                Side = side,
                OrderType = OrderType.Limit,
                Status = OrderStatus.New,
                TimeInForce = TimeInForce.GoodTillCancelled,
                SelfTradePrevention = SelfTradePrevention.RejectTaker,
                Price = price,
                Quantity = quantity,
                QuoteQuantity = price * quantity,
                PostOnly = false,
                CreatedAt = Now(),
            };
            _orders.Add(order);
        }

        await PublishOrderAsync(order, OrderEventType.OrderAccepted, fill: null, cancellationToken).ConfigureAwait(false);
        return order;
    }

    /// <summary>Fills an open order (partly or completely) and publishes <c>orderFill</c>; the fill joins the history.</summary>
    /// <param name="orderId">The open order.</param>
    /// <param name="quantity">The quantity filled now; at most what remains open.</param>
    /// <param name="price">The fill price; <see langword="null"/> for the order's price.</param>
    /// <param name="fee">The fee (negative for a rebate).</param>
    /// <param name="feeSymbol">The fee asset; <see langword="null"/> for the market's quote asset.</param>
    /// <param name="isMaker">Whether the order was the maker.</param>
    /// <param name="cancellationToken">Cancels sending the events.</param>
    /// <returns>The fill.</returns>
    /// <exception cref="ArgumentException">No open order has <paramref name="orderId"/>, or the quantity is not positive or exceeds what remains.</exception>
    public async Task<Fill> FillOrderAsync(string orderId, decimal quantity, decimal? price = null, decimal fee = 0m, string? feeSymbol = null, bool isMaker = true, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Order order;
        Fill fill;
        lock (_lock)
        {
            var (index, open) = FindOpen(orderId);
            var remaining = open.Quantity!.Value - open.ExecutedQuantity;
            if (quantity > remaining)
            {
                throw new ArgumentException($"Order {orderId} has only {remaining} open; cannot fill {quantity}.", nameof(quantity));
            }

            var fillPrice = price ?? open.Price!.Value;
            order = open with
            {
                ExecutedQuantity = open.ExecutedQuantity + quantity,
                ExecutedQuoteQuantity = open.ExecutedQuoteQuantity + (fillPrice * quantity),
                Status = quantity == remaining ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            };
            _orders[index] = order;
            fill = new Fill
            {
                TradeId = _nextTradeId++,
                OrderId = order.Id,
                ClientId = order.ClientId?.ToString(CultureInfo.InvariantCulture),
                Symbol = order.Symbol,
                Side = order.Side,
                Price = fillPrice,
                Quantity = quantity,
                Fee = fee,
                FeeSymbol = feeSymbol ?? QuoteAsset(order.Symbol),
                IsMaker = isMaker,
                Timestamp = Now(),
            };
            _fills.Add(fill);
        }

        await PublishOrderAsync(order, OrderEventType.OrderFill, fill, cancellationToken).ConfigureAwait(false);
        return fill;
    }

    /// <summary>Cancels an open order and publishes <c>orderCancelled</c>.</summary>
    /// <param name="orderId">The open order.</param>
    /// <param name="cancellationToken">Cancels sending the events.</param>
    /// <returns>The order in its final state.</returns>
    /// <exception cref="ArgumentException">No open order has <paramref name="orderId"/>.</exception>
    public Task<Order> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        CloseAsync(orderId, OrderStatus.Cancelled, OrderEventType.OrderCancelled, expiryReason: null, cancellationToken);

    /// <summary>Expires an open order and publishes <c>orderExpired</c> with the reason.</summary>
    /// <param name="orderId">The open order.</param>
    /// <param name="expiryReason">The reason, as history spells it (PascalCase, for example <c>PriceImpact</c>).</param>
    /// <param name="cancellationToken">Cancels sending the events.</param>
    /// <returns>The order in its final state.</returns>
    /// <exception cref="ArgumentException">No open order has <paramref name="orderId"/>.</exception>
    public Task<Order> ExpireOrderAsync(string orderId, string expiryReason = "PriceImpact", CancellationToken cancellationToken = default) =>
        CloseAsync(orderId, OrderStatus.Expired, OrderEventType.OrderExpired, expiryReason, cancellationToken);

    /// <summary>Sets the absolute balance of an asset and publishes <c>balanceUpdate</c>.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="available">The available amount.</param>
    /// <param name="locked">The amount held by open orders.</param>
    /// <param name="staked">The staked amount.</param>
    /// <param name="cancellationToken">Cancels sending the event.</param>
    /// <returns>A task that completes once the event was sent.</returns>
    public Task SetBalanceAsync(string asset, decimal available, decimal locked = 0m, decimal staked = 0m, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(asset);
        var balance = new AssetBalance { Asset = asset, Available = available, Locked = locked, Staked = staked };
        lock (_lock)
        {
            _balances[asset] = balance;
        }

        var now = Now();
        return _server.PublishAsync(
            BackpackStreams.BalanceUpdates(),
            new BalanceUpdate { Asset = asset, Available = available, Locked = locked, Staked = staked, EventTime = now, EngineTime = now },
            cancellationToken);
    }

    /// <summary>
    /// Sets a futures position (0 closes it) and publishes <c>positionOpened</c>, <c>positionAdjusted</c> or
    /// <c>positionClosed</c>. Open positions are also sent, without <c>e</c>, to each new <c>account.positionUpdate</c> subscriber.
    /// </summary>
    /// <param name="symbol">The perpetual market.</param>
    /// <param name="netQuantity">Positive long, negative short, 0 flat.</param>
    /// <param name="entryPrice">The entry price.</param>
    /// <param name="markPrice">The mark price; <see langword="null"/> for the entry price.</param>
    /// <param name="cancellationToken">Cancels sending the events.</param>
    /// <returns>A task that completes once the events were sent.</returns>
    public async Task SetPositionAsync(string symbol, decimal netQuantity, decimal entryPrice, decimal? markPrice = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        PositionEventType eventType;
        FuturePosition position;
        lock (_lock)
        {
            var existing = _positions.GetValueOrDefault(symbol);
            eventType = existing is null ? PositionEventType.PositionOpened
                : netQuantity == 0 ? PositionEventType.PositionClosed
                : PositionEventType.PositionAdjusted;
            if (existing is null && netQuantity == 0)
            {
                return;
            }

            var mark = markPrice ?? entryPrice;
            position = new FuturePosition
            {
                Symbol = symbol,
                PositionId = existing?.PositionId ?? (_nextPositionId++).ToString(CultureInfo.InvariantCulture),
                NetQuantity = netQuantity,
                NetExposureQuantity = netQuantity,
                NetExposureNotional = Math.Abs(netQuantity) * mark,
                NetCost = netQuantity * entryPrice,
                EntryPrice = entryPrice,
                BreakEvenPrice = entryPrice,
                MarkPrice = mark,
                Imf = 0.02m,
                Mmf = 0.0125m,
                PnlUnrealized = (mark - entryPrice) * netQuantity,
                CumulativeInterest = 0m,
                UserId = 1,
            };
            _simulatedPositions.Remove(symbol);
            SetPosition(position);
        }

        var update = ToUpdate(position, eventType, Now());
        await _server.PublishAsync(BackpackStreams.PositionUpdates(), update, cancellationToken).ConfigureAwait(false);
        await _server.PublishAsync(BackpackStreams.PositionUpdates(symbol), update, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records an order's current state without publishing (the simulator publishes its own events).</summary>
    internal void Record(Order order)
    {
        lock (_lock)
        {
            var index = _orders.FindIndex(o => o.Id == order.Id);
            if (index < 0)
            {
                _orders.Add(order);
            }
            else
            {
                _orders[index] = order;
            }
        }
    }

    /// <summary>Records a fill without publishing.</summary>
    internal void Record(Fill fill)
    {
        lock (_lock)
        {
            _fills.Add(fill);
        }
    }

    /// <summary>Records a balance without publishing.</summary>
    internal void Record(AssetBalance balance)
    {
        lock (_lock)
        {
            _balances[balance.Asset] = balance;
        }
    }

    /// <summary>Records a simulator's position without publishing; a flat one is removed.</summary>
    internal void Record(FuturePosition position)
    {
        lock (_lock)
        {
            _simulatedPositions.Add(position.Symbol);
            SetPosition(position);
        }
    }

    /// <summary>The frames a new subscriber of <paramref name="stream"/> gets: each open position without <c>e</c> (spec §7.3).</summary>
    internal IReadOnlyList<string> GetSubscribeSnapshot(string stream)
    {
        const string positions = "account.positionUpdate";
        if (!stream.StartsWith(positions, StringComparison.Ordinal))
        {
            return [];
        }

        var symbol = stream.Length > positions.Length + 1 ? stream[(positions.Length + 1)..] : null;
        var now = Now();
        List<FuturePosition> open;
        lock (_lock)
        {
            open = [.. _positions.Values.Where(p => !_simulatedPositions.Contains(p.Symbol))];
        }

        return [.. open
            .Where(p => symbol is null || p.Symbol == symbol)
            .Select(p => JsonFrames.Envelope(stream, writer => ModelPayloads.Write(writer, ToUpdate(p, PositionEventType.Snapshot, now))))];
    }

    private static PositionUpdate ToUpdate(FuturePosition position, PositionEventType eventType, DateTimeOffset now) => new()
    {
        EventType = eventType,
        Symbol = position.Symbol,
        EventTime = now,
        EngineTime = now,
        PositionId = long.Parse(position.PositionId!, CultureInfo.InvariantCulture),
        BreakEvenPrice = position.BreakEvenPrice,
        EntryPrice = position.EntryPrice,
        InitialMarginFraction = position.Imf,
        MarkPrice = position.MarkPrice,
        MaintenanceMarginFraction = position.Mmf,
        NetQuantity = position.NetQuantity,
        NetExposureQuantity = position.NetExposureQuantity,
        NetExposureNotional = position.NetExposureNotional,
        RealizedPnl = position.PnlRealized,
        UnrealizedPnl = position.PnlUnrealized,
    };

    /// <summary>Stores or (flat) removes a position; call under the lock.</summary>
    private void SetPosition(FuturePosition position)
    {
        if (position.NetQuantity == 0)
        {
            _positions.Remove(position.Symbol);
        }
        else
        {
            _positions[position.Symbol] = position;
        }
    }

    private static bool IsOpen(OrderStatus status) => status is OrderStatus.New or OrderStatus.PartiallyFilled;

    /// <summary>The quote asset of <c>BASE_QUOTE[_SUFFIX]</c>.</summary>
    private static string QuoteAsset(string symbol)
    {
        var parts = symbol.Split('_');
        return parts.Length > 1 ? parts[1] : symbol;
    }

    private async Task<Order> CloseAsync(string orderId, OrderStatus status, OrderEventType eventType, string? expiryReason, CancellationToken cancellationToken)
    {
        Order order;
        lock (_lock)
        {
            var (index, open) = FindOpen(orderId);
            order = open with { Status = status, ExpiryReason = expiryReason };
            _orders[index] = order;
        }

        await PublishOrderAsync(order, eventType, fill: null, cancellationToken).ConfigureAwait(false);
        return order;
    }

    /// <summary>The open order with <paramref name="orderId"/>; call under the lock.</summary>
    private (int Index, Order Order) FindOpen(string orderId)
    {
        var index = _orders.FindIndex(o => o.Id == orderId);
        if (index < 0 || !IsOpen(_orders[index].Status))
        {
            throw new ArgumentException($"No open order has id '{orderId}'.", nameof(orderId));
        }

        return (index, _orders[index]);
    }

    /// <summary>Publishes the order event on <c>account.orderUpdate</c> and <c>account.orderUpdate.&lt;symbol&gt;</c>.</summary>
    private async Task PublishOrderAsync(Order order, OrderEventType eventType, Fill? fill, CancellationToken cancellationToken)
    {
        var now = Now();
        var update = new OrderUpdate
        {
            EventType = eventType,
            Symbol = order.Symbol,
            EventTime = now,
            EngineTime = now,
            OrderId = long.Parse(order.Id, CultureInfo.InvariantCulture),
            ClientOrderId = order.ClientId,
            Side = order.Side,
            OrderType = order.OrderType,
            TimeInForce = order.TimeInForce,
            Quantity = order.Quantity,
            QuoteQuantity = order.QuoteQuantity,
            Price = order.Price,
            Status = order.Status,
            ExpiryReason = order.ExpiryReason,
            TradeId = fill?.TradeId,
            FillQuantity = fill?.Quantity,
            FillPrice = fill?.Price,
            IsMaker = fill?.IsMaker,
            Fee = fill?.Fee,
            FeeSymbol = fill?.FeeSymbol,
            ExecutedQuantity = order.ExecutedQuantity,
            ExecutedQuoteQuantity = order.ExecutedQuoteQuantity,
            SelfTradePrevention = order.SelfTradePrevention,
            Origin = OrderOrigin.User,
            PostOnly = order.PostOnly,
            ReduceOnly = false,
        };
        await _server.PublishAsync(BackpackStreams.OrderUpdates(), update, cancellationToken).ConfigureAwait(false);
        await _server.PublishAsync(BackpackStreams.OrderUpdates(order.Symbol), update, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's time, truncated to the millisecond the REST replies carry.</summary>
    private DateTimeOffset Now()
    {
        var now = _server.UtcNow;
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }
}
