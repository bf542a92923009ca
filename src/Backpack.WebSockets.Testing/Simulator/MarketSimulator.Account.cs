using System.Globalization;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

public sealed partial class MarketSimulator
{
    /// <summary>The account's maker fee rate.</summary>
    private const decimal MakerFeeRate = 0.0002m;

    /// <summary>The scale account amounts are rounded to.</summary>
    private const int AccountDecimals = 8;

    /// <summary>The account's balances by asset; guarded by <see cref="_lock"/>.</summary>
    private readonly Dictionary<string, AccountBalance> _balances = new(StringComparer.Ordinal);

    /// <summary>Sets up balances and initial positions from the options.</summary>
    /// <exception cref="ArgumentException">An initial position names no simulated perpetual market.</exception>
    private void InitializeAccount()
    {
        foreach (var (asset, amount) in _options.InitialBalances ?? new Dictionary<string, decimal>())
        {
            Balance(asset).Available = amount;
            RecordBalance(asset);
        }

        foreach (var (symbol, quantity) in _options.InitialPositions ?? new Dictionary<string, decimal>())
        {
            if (!_bySymbol.TryGetValue(symbol, out var state) || !state.Market.IsPerpetual)
            {
                throw new ArgumentException($"Initial position '{symbol}' names no simulated perpetual market.", "options");
            }

            state.Position = new AccountPosition(NextPositionId())
            {
                NetQuantity = quantity,
                EntryPrice = state.Market.Price(state.Market.ToTicks(state.MidPrice)),
            };
            RecordPosition(state, state.Position);
        }
    }

    /// <summary>
    /// The frames a connection gets right after subscribing to <paramref name="stream"/>: for
    /// <c>account.positionUpdate[.&lt;symbol&gt;]</c>, one frame per open position, without <c>e</c> (spec §7.3).
    /// </summary>
    private IReadOnlyList<string> GetSubscribeSnapshot(string stream)
    {
        const string positions = "account.positionUpdate";
        if (_options.AccountPublicKey is null || !stream.StartsWith(positions, StringComparison.Ordinal))
        {
            return [];
        }

        var symbol = stream.Length > positions.Length ? stream[(positions.Length + 1)..] : null;
        lock (_lock)
        {
            var now = _server.UtcNow.ToUnixMicroseconds();
            return
            [
                .. _markets
                    .Where(state => state.Position is { NetQuantity: not 0 } && (symbol is null || state.Market.Symbol == symbol))
                    .Select(state => JsonFrames.Envelope(stream, writer => WritePosition(writer, state, state.Position!, eventType: null, now, now))),
            ];
        }
    }

    /// <summary>Places a resting order at the best price of a random side, or cancels the open one.</summary>
    private void ActForAccount(MarketState state, List<BookChange> made, FrameBatch events)
    {
        var market = state.Market;
        if (state.Order is { } open)
        {
            if (_random.NextDouble() < 0.3)
            {
                state.Order = null;
                var side = state.Book.Side(open.IsBid);
                if (side.Count > MinLevelsPerSide && side.TryGetValue(open.Ticks, out var levelLots))
                {
                    SetLevel(state, open.IsBid, open.Ticks, Math.Max(0, levelLots - open.RemainingLots), made);
                }

                Reserve(state, open, -open.RemainingLots, events);
                PublishOrder(state, open, "orderCancelled", "Cancelled", fill: null, events);
            }

            return;
        }

        var isBid = _random.Next(2) == 0;
        var ticks = state.Book.Side(isBid).Keys[0];
        var order = new AccountOrder(NextOrderId(), isBid, ticks, 1 + _random.NextInt64(MaxLotsPerLevel / 10))
        {
            CreatedAt = EngineTimeMilliseconds(),
        };
        state.Order = order;
        SetLevel(state, isBid, ticks, state.Book.Side(isBid)[ticks] + order.Lots, made);
        Reserve(state, order, order.Lots, events);
        PublishOrder(state, order, "orderAccepted", "New", fill: null, events);
    }

    /// <summary>Fills the account's resting order as the maker of a trade: order, balance and (perpetuals) position events.</summary>
    private void FillAccountOrder(MarketState state, AccountOrder order, long lots, long tradeId, FrameBatch events)
    {
        var market = state.Market;
        var price = market.Price(order.Ticks);
        var quantity = market.Quantity(lots);
        var quote = price * quantity;
        order.FilledLots += lots;
        order.FilledQuote += quote;

        // Fees are charged in the asset received; perpetuals settle in the quote (collateral) asset.
        var feeInBase = order.IsBid && !market.IsPerpetual;
        var fee = decimal.Round((feeInBase ? quantity : quote) * MakerFeeRate, AccountDecimals);
        var feeAsset = feeInBase ? market.BaseAsset : market.QuoteAsset;
        if (order.RemainingLots == 0)
        {
            state.Order = null;
        }

        PublishOrder(state, order, "orderFill", order.RemainingLots == 0 ? "Filled" : "PartiallyFilled", new OrderFill(tradeId, lots, fee, feeAsset), events);
        if (market.IsPerpetual)
        {
            Balance(market.QuoteAsset).Available -= fee;
            PublishBalance(market.QuoteAsset, events);
            UpdatePosition(state, order.IsBid ? quantity : -quantity, price, events);
            return;
        }

        var (spent, received) = order.IsBid ? (market.QuoteAsset, market.BaseAsset) : (market.BaseAsset, market.QuoteAsset);
        Balance(spent).Locked -= order.IsBid ? quote : quantity;
        Balance(received).Available += (order.IsBid ? quantity : quote) - fee;
        PublishBalance(spent, events);
        PublishBalance(received, events);
    }

    /// <summary>Locks (positive <paramref name="lots"/>) or unlocks (negative) what a spot order needs; perpetual orders lock nothing here.</summary>
    private void Reserve(MarketState state, AccountOrder order, long lots, FrameBatch events)
    {
        var market = state.Market;
        if (market.IsPerpetual || lots == 0)
        {
            return;
        }

        var asset = order.IsBid ? market.QuoteAsset : market.BaseAsset;
        var amount = order.IsBid ? market.Price(order.Ticks) * market.Quantity(lots) : market.Quantity(lots);
        var balance = Balance(asset);
        balance.Available -= amount;
        balance.Locked += amount;
        PublishBalance(asset, events);
    }

    /// <summary>Applies a fill to the position: weighted entry when adding, realized PnL when reducing, and publishes the event.</summary>
    private void UpdatePosition(MarketState state, decimal delta, decimal price, FrameBatch events)
    {
        var position = state.Position ??= new AccountPosition(NextPositionId());
        var before = position.NetQuantity;
        var after = before + delta;
        if (before == 0)
        {
            position.Id = NextPositionId();
            position.EntryPrice = price;
        }
        else if (Math.Sign(before) == Math.Sign(delta))
        {
            position.EntryPrice = decimal.Round(((position.EntryPrice * Math.Abs(before)) + (price * Math.Abs(delta))) / Math.Abs(after), AccountDecimals);
        }
        else
        {
            var closed = Math.Min(Math.Abs(before), Math.Abs(delta));
            position.RealizedPnl += (price - position.EntryPrice) * closed * Math.Sign(before);
            if (after != 0 && Math.Sign(after) != Math.Sign(before))
            {
                position.EntryPrice = price;
            }
        }

        position.NetQuantity = after;
        RecordPosition(state, position);
        var eventType = before == 0 ? "positionOpened" : after == 0 ? "positionClosed" : "positionAdjusted";
        events.AddScoped("account.positionUpdate", state.Market.Symbol, writer => WritePosition(writer, state, position, eventType, _eventTime, _engineTime));
    }

    /// <summary>Publishes an order event on <c>account.orderUpdate</c> and <c>account.orderUpdate.&lt;symbol&gt;</c> (spec §7.2).</summary>
    private void PublishOrder(MarketState state, AccountOrder order, string eventType, string status, OrderFill? fill, FrameBatch events)
    {
        var market = state.Market;
        var price = market.Price(order.Ticks);
        var filledQuantity = market.Quantity(order.FilledLots);
        var filledQuote = Format(order.FilledQuote);
        RecordOrder(state, order, status, fill);
        events.AddScoped("account.orderUpdate", market.Symbol, writer =>
        {
            // Keys in the live wire's (ordinal) order; the fill-only keys L, N, l, m, n sit between the others.
            writer.WriteNumber("E", _eventTime);
            if (fill is { } lastFill)
            {
                writer.WriteString("L", market.FormatPrice(order.Ticks));
                writer.WriteString("N", lastFill.FeeAsset);
            }

            writer.WriteString("O", "USER");
            writer.WriteString("Q", Format(price * market.Quantity(order.Lots)));
            writer.WriteString("S", order.IsBid ? "Bid" : "Ask");
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("V", "RejectTaker");
            writer.WriteString("X", status);
            writer.WriteString("Z", filledQuote);
            writer.WriteString("e", eventType);
            writer.WriteString("f", "GTC");
            writer.WriteString("i", order.Id);
            if (fill is { } fillPart)
            {
                writer.WriteString("l", market.FormatQuantity(fillPart.Lots));
                writer.WriteBoolean("m", true);
                writer.WriteString("n", Format(fillPart.Fee));
            }

            writer.WriteString("o", "LIMIT");
            writer.WriteString("p", market.FormatPrice(order.Ticks));
            writer.WriteString("q", market.FormatQuantity(order.Lots));
            writer.WriteBoolean("r", false);
            writer.WriteString("s", market.Symbol);

            // Live frames send "t":null on every event that is not a fill.
            writer.WritePropertyName("t");
            if (fill is { } tradePart)
            {
                writer.WriteNumberValue(tradePart.TradeId);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteBoolean("y", true);
            writer.WriteString("z", filledQuantity.ToString(CultureInfo.InvariantCulture));
        });
    }

    /// <summary>Publishes the absolute balance of one asset on <c>account.balanceUpdate</c> (spec §7.4).</summary>
    private void PublishBalance(string asset, FrameBatch events)
    {
        var balance = Balance(asset);
        var available = Format(balance.Available);
        var locked = Format(balance.Locked);
        RecordBalance(asset);
        events.Add("account.balanceUpdate", writer =>
        {
            writer.WriteString("A", available);
            writer.WriteNumber("E", _eventTime);
            writer.WriteString("L", locked);
            writer.WriteString("S", "0");
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("a", asset);
            writer.WriteString("e", "balanceUpdate");
        });
    }

    /// <summary>Writes a position payload (spec §7.3), decimals as strings and <c>i</c> as an integer, as live frames do; no <c>e</c> for the subscribe snapshot.</summary>
    private static void WritePosition(Utf8JsonWriter writer, MarketState state, AccountPosition position, string? eventType, long eventTime, long engineTime)
    {
        var mark = state.Market.Price(state.Market.ToTicks(state.MidPrice));
        var net = position.NetQuantity;
        writer.WriteString("B", Format(position.EntryPrice));
        writer.WriteNumber("E", eventTime);
        writer.WriteString("M", Format(mark));
        writer.WriteString("P", Format((mark - position.EntryPrice) * net));
        writer.WriteString("Q", Format(net));
        writer.WriteNumber("T", engineTime);
        writer.WriteString("b", Format(position.EntryPrice));
        if (eventType is not null)
        {
            writer.WriteString("e", eventType);
        }

        writer.WriteString("f", "0.02");
        writer.WriteNumber("i", position.Id);
        writer.WriteString("l", "0");
        writer.WriteString("m", "0.0125");
        writer.WriteString("n", Format(Math.Abs(net) * mark));
        writer.WriteString("p", Format(position.RealizedPnl));
        writer.WriteString("q", Format(net));
        writer.WriteString("s", state.Market.Symbol);
    }

    /// <summary>
    /// Mirrors an order event into the server's <see cref="BackpackTestAccount"/> with the values the stream frame carries,
    /// so the REST reads serve what the stream published (also for events nobody received).
    /// </summary>
    private void RecordOrder(MarketState state, AccountOrder order, string status, OrderFill? fill)
    {
        var market = state.Market;
        var price = market.Price(order.Ticks);
        var quantity = market.Quantity(order.Lots);
        var side = order.IsBid ? Models.Side.Bid : Models.Side.Ask;
        _server.Account.Record(new Models.Order
        {
            Id = order.Id,
            Symbol = market.Symbol,
            Side = side,
            OrderType = Models.OrderType.Limit,
            Status = status switch
            {
                "New" => Models.OrderStatus.New,
                "PartiallyFilled" => Models.OrderStatus.PartiallyFilled,
                "Filled" => Models.OrderStatus.Filled,
                "Cancelled" => Models.OrderStatus.Cancelled,
                _ => Models.OrderStatus.Expired,
            },
            TimeInForce = Models.TimeInForce.GoodTillCancelled,
            SelfTradePrevention = Models.SelfTradePrevention.RejectTaker,
            Price = price,
            Quantity = quantity,
            QuoteQuantity = Round(price * quantity),
            ExecutedQuantity = market.Quantity(order.FilledLots),
            ExecutedQuoteQuantity = Round(order.FilledQuote),
            PostOnly = true,
            CreatedAt = order.CreatedAt,
        });
        if (fill is { } made)
        {
            _server.Account.Record(new Models.Fill
            {
                TradeId = made.TradeId,
                OrderId = order.Id,
                Symbol = market.Symbol,
                Side = side,
                Price = price,
                Quantity = market.Quantity(made.Lots),
                Fee = Round(made.Fee),
                FeeSymbol = made.FeeAsset,
                IsMaker = true,
                Timestamp = EngineTimeMilliseconds(),
            });
        }
    }

    /// <summary>Mirrors an asset's balance into the server's account, rounded as the stream writes it.</summary>
    private void RecordBalance(string asset)
    {
        var balance = Balance(asset);
        _server.Account.Record(new Models.AssetBalance { Asset = asset, Available = Round(balance.Available), Locked = Round(balance.Locked) });
    }

    /// <summary>Mirrors a position into the server's account (a flat one is removed there).</summary>
    private void RecordPosition(MarketState state, AccountPosition position)
    {
        var mark = state.Market.Price(state.Market.ToTicks(state.MidPrice));
        var net = position.NetQuantity;
        _server.Account.Record(new Models.FuturePosition
        {
            Symbol = state.Market.Symbol,
            PositionId = position.Id.ToString(CultureInfo.InvariantCulture),
            NetQuantity = Round(net),
            NetExposureQuantity = Round(net),
            NetExposureNotional = Round(Math.Abs(net) * mark),
            NetCost = Round(net * position.EntryPrice),
            EntryPrice = Round(position.EntryPrice),
            BreakEvenPrice = Round(position.EntryPrice),
            MarkPrice = Round(mark),
            Imf = 0.02m,
            Mmf = 0.0125m,
            PnlRealized = Round(position.RealizedPnl),
            PnlUnrealized = Round((mark - position.EntryPrice) * net),
        });
    }

    /// <summary>The simulator's engine time, truncated to the millisecond REST replies carry.</summary>
    private DateTimeOffset EngineTimeMilliseconds() => DateTimeOffset.FromUnixTimeMilliseconds(_engineTime / 1000);

    /// <summary>An account amount rounded to <see cref="AccountDecimals"/>, as <see cref="Format"/> writes it.</summary>
    private static decimal Round(decimal value) => decimal.Round(value, AccountDecimals);

    /// <summary>The balance of an asset, created empty on first use.</summary>
    private AccountBalance Balance(string asset)
    {
        if (!_balances.TryGetValue(asset, out var balance))
        {
            balance = new AccountBalance();
            _balances.Add(asset, balance);
        }

        return balance;
    }

    /// <summary>A new position id (from the order id sequence, as positions are ids of the same space on the wire).</summary>
    private long NextPositionId() => long.Parse(NextOrderId(), CultureInfo.InvariantCulture);

    /// <summary>An account amount as a wire decimal string, rounded to <see cref="AccountDecimals"/>.</summary>
    private static string Format(decimal value) => Round(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The fill part of an <c>orderFill</c> event.</summary>
    private readonly record struct OrderFill(long TradeId, long Lots, decimal Fee, string FeeAsset);
}
