using System.Globalization;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;

namespace Backpack.WebSockets.Account;

public sealed partial class BackpackAccountTracker
{
    private static readonly TimeSpan HistoryWindow = TimeSpan.FromMinutes(1);

    private static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.TriggerFailed;

    private static string Id(OrderUpdate update) => update.OrderId.ToString(CultureInfo.InvariantCulture);

    private static string TradeKey(Fill fill) => fill.TradeId is { } tradeId
        ? string.Create(CultureInfo.InvariantCulture, $"{fill.Symbol}|{tradeId}")
        : string.Create(CultureInfo.InvariantCulture, $"{fill.OrderId}|{fill.Timestamp.ToUnixTimeMilliseconds()}|{fill.Price}|{fill.Quantity}");

    /// <summary>
    /// Reads open orders, balances (again while a balance update arrived during the request) and positions, then the order
    /// history of orders known as open that REST no longer lists and the fill history since the last event seen. Nothing
    /// is applied here; a failure throws and leaves the account as it was.
    /// </summary>
    private async Task<AccountRestSnapshot> ReadSnapshotAsync(bool initial, CancellationToken token)
    {
        DateTimeOffset fillsFrom;
        HashSet<string> knownOpen;
        lock (_gate)
        {
            // While a snapshot is due every event is buffered, so the open orders do not change under this read.
            knownOpen = [.. _openOrders.Keys];
            fillsFrom = (_lastEventTime is { } last && last > _lastSyncedAt ? last : _lastSyncedAt) - _options.FillLookback;
        }

        var readAt = ExchangeNow();
        var openOrders = await _rest.GetOpenOrdersAsync(null, token).ConfigureAwait(false);
        IReadOnlyDictionary<string, AssetBalance> balances;
        long sentAfter;
        for (var read = 0; ; read++)
        {
            sentAfter = Volatile.Read(ref _arrivals);
            balances = await _rest.GetBalancesAsync(token).ConfigureAwait(false);
            if (read >= _options.MaxBalanceRereads || !BalanceArrivedSince(sentAfter))
            {
                break;
            }

            Log.BalancesReread(_logger, read + 1);
        }

        var positions = await _rest.GetOpenPositionsAsync(null, token).ConfigureAwait(false);

        var listed = openOrders.Select(static o => o.Id).ToHashSet(StringComparer.Ordinal);
        List<(string Id, string Symbol)> missing;
        lock (_gate)
        {
            missing = [.. knownOpen
                .Where(id => !listed.Contains(id) && !PendingCloses(id))
                .Select(id => (id, _openOrders[id].Symbol))];
        }

        var closed = new List<Order>(missing.Count);
        foreach (var (id, symbol) in missing)
        {
            await PaceHistoryAsync(token).ConfigureAwait(false);
            Order? final = null;
            var query = new OrderHistoryQuery { OrderId = id, Symbol = symbol, PageSize = 10 };
            await foreach (var order in _rest.GetOrderHistoryAsync(query, token).ConfigureAwait(false))
            {
                if (order.Id == id)
                {
                    final = order;
                    break;
                }
            }

            if (final is null || !IsTerminal(final.Status))
            {
                // Left the book but not in the history yet (it lags): read the whole snapshot again later.
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.RequestFailed, $"Order {id} is no longer open but its final state is not in the order history yet.");
            }

            closed.Add(final);
        }

        // The first snapshot reads the fills too, only to know them: a fill made before the tracker started is not news.
        await PaceHistoryAsync(token).ConfigureAwait(false);
        var fills = new List<Fill>();
        var fillQuery = new FillQuery { From = initial ? readAt - _options.FillLookback : fillsFrom, SortDirection = SortDirection.Ascending };
        await foreach (var fill in _rest.GetFillsAsync(fillQuery, token).ConfigureAwait(false))
        {
            fills.Add(fill);
        }

        return new AccountRestSnapshot(openOrders, balances, sentAfter, positions, closed, fills);
    }

    private bool BalanceArrivedSince(long arrival)
    {
        lock (_gate)
        {
            return _pending.Any(e => e.Balance is not null && e.Arrival > arrival);
        }
    }

    /// <summary>Whether a buffered event closes the order (it then closes it as a stream change).</summary>
    private bool PendingCloses(string orderId) =>
        _pending.Any(e => e.Order is { } update && IsTerminal(update.Status) && Id(update) == orderId);

    /// <summary>Whether a buffered event shows the order at least as far along as the REST row.</summary>
    private bool PendingDominates(Order row) =>
        _pending.Any(e => e.Order is { } update && Id(update) == row.Id
            && (IsTerminal(update.Status) || update.ExecutedQuantity >= row.ExecutedQuantity));

    /// <summary>At most <see cref="BackpackAccountTrackerOptions.HistoryRequestsPerMinute"/> history requests in any minute.</summary>
    private async Task PaceHistoryAsync(CancellationToken token)
    {
        while (_historyRequests.Count >= _options.HistoryRequestsPerMinute)
        {
            var elapsed = _timeProvider.GetElapsedTime(_historyRequests.Peek());
            if (elapsed >= HistoryWindow)
            {
                _historyRequests.Dequeue();
                continue;
            }

            Log.HistoryPaced(_logger, HistoryWindow - elapsed);
            await Task.Delay(HistoryWindow - elapsed, _timeProvider, token).ConfigureAwait(false);
        }

        _historyRequests.Enqueue(_timeProvider.GetTimestamp());
    }

    /// <summary>
    /// Merges a snapshot and then the buffered events, under the lock: REST first (changes published as Reconciliation),
    /// then the events in arrival order (as Stream), each through the same rules.
    /// </summary>
    private void Merge(AccountRestSnapshot snapshot)
    {
        var changes = 0;
        var initial = !_everSynced;
        var source = AccountChangeSource.Reconciliation;

        foreach (var row in snapshot.OpenOrders)
        {
            if (!_closedOrders.Contains(row.Id) && !PendingDominates(row))
            {
                changes += MergeOrderLocked(row, eventTime: null, source, initial) ? 1 : 0;
            }
        }

        foreach (var final in snapshot.ClosedOrders)
        {
            changes += MergeOrderLocked(final, eventTime: null, source, initial) ? 1 : 0;
        }

        // A fill buffered from the stream is published from there; one seen before is not published again.
        var streamed = _pending
            .Where(static e => e.Order is { EventType: OrderEventType.OrderFill, TradeId: not null })
            .Select(e => TradeKey(ToFill(e.Order!)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var fill in snapshot.Fills)
        {
            var key = TradeKey(fill);
            if (!streamed.Contains(key) && _seenTrades.Add(key) && !initial)
            {
                PublishLocked(AccountChangeKind.Fill, source, fill: fill);
                changes++;
            }
        }

        changes += ReplaceBalancesLocked(snapshot.Balances, source, initial);
        changes += ReplacePositionsLocked(snapshot.Positions, source, initial);

        // Balance events sent before the balances request are in its answer; later ones are newer than it.
        foreach (var pending in _pending)
        {
            if (pending.Order is { } order)
            {
                ApplyOrderEventLocked(order);
            }
            else if (pending.Position is { } position)
            {
                ApplyPositionEventLocked(position);
            }
            else if (pending.Balance is { } balance && pending.Arrival > snapshot.BalancesSentAfter)
            {
                ApplyBalanceEventLocked(balance);
            }
        }

        _pending.Clear();
        _buffering = false;
        _lastSyncedAt = ExchangeNow();
        SetStateLocked(AccountState.Synced);
        RefreshLocked();
        if (initial)
        {
            _everSynced = true;
            Log.Synced(_logger, _openOrders.Count, _positions.Count, _balances.Count);
            _firstSynced.TrySetResult();
        }
        else
        {
            Interlocked.Increment(ref _reconcileCount);
            Log.Reconciled(_logger, changes);
            _feed.OnReconciled(changes);
        }
    }

    /// <summary>
    /// Merges one order state (a REST row without time, or a stream event with its time) by the rules of spec §9.5.4:
    /// a closed order stays closed, a terminal status wins over an open one, a larger executed quantity wins, and at equal
    /// progress an older event does not overwrite a newer one. Returns whether anything material changed.
    /// </summary>
    private bool MergeOrderLocked(Order candidate, DateTimeOffset? eventTime, AccountChangeSource source, bool quiet)
    {
        if (_closedOrders.Contains(candidate.Id))
        {
            return false;
        }

        var existing = _openOrders.GetValueOrDefault(candidate.Id);
        if (existing is not null)
        {
            var existingTime = _orderEventTimes.GetValueOrDefault(candidate.Id);
            var wins = IsTerminal(candidate.Status)
                || candidate.ExecutedQuantity > existing.ExecutedQuantity
                || (candidate.ExecutedQuantity == existing.ExecutedQuantity && (eventTime is null || eventTime >= existingTime));
            if (!wins)
            {
                return false;
            }

            // /api/v1/orders has no quote quantity on limit orders, and its creation time is the more exact one.
            candidate = candidate with
            {
                QuoteQuantity = candidate.QuoteQuantity ?? existing.QuoteQuantity,
                CreatedAt = eventTime is null ? candidate.CreatedAt : existing.CreatedAt,
            };
        }

        if (eventTime is { } time)
        {
            _orderEventTimes[candidate.Id] = time;
        }

        if (IsTerminal(candidate.Status))
        {
            _openOrders = _openOrders.Remove(candidate.Id);
            _orderEventTimes.Remove(candidate.Id);
            _closedOrders.Add(candidate.Id);
            if (existing is null)
            {
                // Never seen open (placed and done while away, or before the start): its fills tell the story.
                return false;
            }

            if (!quiet)
            {
                PublishLocked(AccountChangeKind.OrderClosed, source, order: candidate);
            }

            return true;
        }

        if (existing is not null && SameOrder(existing, candidate))
        {
            return false;
        }

        _openOrders = _openOrders.SetItem(candidate.Id, candidate);
        if (!quiet)
        {
            PublishLocked(existing is null ? AccountChangeKind.OrderAdded : AccountChangeKind.OrderUpdated, source, order: candidate);
        }

        return true;
    }

    private static bool SameOrder(Order a, Order b) =>
        a.Status == b.Status && a.ExecutedQuantity == b.ExecutedQuantity && a.ExecutedQuoteQuantity == b.ExecutedQuoteQuantity
        && a.Quantity == b.Quantity && a.Price == b.Price && a.TriggerPrice == b.TriggerPrice && a.TriggerQuantity == b.TriggerQuantity;

    private void ApplyOrderEventLocked(OrderUpdate update)
    {
        if (_lastEventTime is null || update.EventTime > _lastEventTime)
        {
            _lastEventTime = update.EventTime;
        }

        // The fill first: it happened, whatever the order's merged state says.
        if (update is { EventType: OrderEventType.OrderFill, TradeId: not null })
        {
            var fill = ToFill(update);
            if (_seenTrades.Add(TradeKey(fill)))
            {
                PublishLocked(AccountChangeKind.Fill, AccountChangeSource.Stream, fill: fill);
            }
        }

        var existing = _openOrders.GetValueOrDefault(Id(update));
        MergeOrderLocked(ToOrder(update, existing), update.EventTime, AccountChangeSource.Stream, quiet: false);
    }

    private void ApplyBalanceEventLocked(BalanceUpdate update)
    {
        var balance = new AssetBalance { Asset = update.Asset, Available = update.Available, Locked = update.Locked, Staked = update.Staked };
        if (_balances.GetValueOrDefault(update.Asset) == balance)
        {
            return;
        }

        _balances = _balances.SetItem(update.Asset, balance);
        PublishLocked(AccountChangeKind.BalanceUpdated, AccountChangeSource.Stream, balance: balance);
    }

    private void ApplyPositionEventLocked(PositionUpdate update)
    {
        var existing = _positions.GetValueOrDefault(update.Symbol);
        var position = ToPosition(update, existing);
        if (update.EventType == PositionEventType.PositionClosed || update.NetQuantity == 0)
        {
            if (existing is not null)
            {
                _positions = _positions.Remove(update.Symbol);
                PublishLocked(AccountChangeKind.PositionClosed, AccountChangeSource.Stream, position: position with { NetQuantity = 0 });
            }

            return;
        }

        _positions = _positions.SetItem(update.Symbol, position);
        if (existing is null || !SamePosition(existing, position))
        {
            PublishLocked(AccountChangeKind.PositionUpdated, AccountChangeSource.Stream, position: position);
        }
    }

    /// <summary>Balances are absolute: the REST answer replaces the set; an asset no longer listed is published with zeros.</summary>
    private int ReplaceBalancesLocked(IReadOnlyDictionary<string, AssetBalance> balances, AccountChangeSource source, bool quiet)
    {
        var changes = 0;
        foreach (var asset in _balances.Keys)
        {
            if (!balances.ContainsKey(asset))
            {
                changes++;
                if (!quiet)
                {
                    PublishLocked(AccountChangeKind.BalanceUpdated, source, balance: new AssetBalance { Asset = asset });
                }
            }
        }

        foreach (var (asset, balance) in balances)
        {
            if (_balances.GetValueOrDefault(asset) != balance)
            {
                changes++;
                if (!quiet)
                {
                    PublishLocked(AccountChangeKind.BalanceUpdated, source, balance: balance);
                }
            }
        }

        _balances = _balances.Clear().SetItems(balances);
        return changes;
    }

    private int ReplacePositionsLocked(IReadOnlyList<FuturePosition> positions, AccountChangeSource source, bool quiet)
    {
        var changes = 0;
        var bySymbol = positions.Where(static p => p.NetQuantity != 0).ToDictionary(static p => p.Symbol, StringComparer.Ordinal);
        foreach (var (symbol, old) in _positions)
        {
            if (!bySymbol.ContainsKey(symbol))
            {
                changes++;
                if (!quiet)
                {
                    PublishLocked(AccountChangeKind.PositionClosed, source, position: old with { NetQuantity = 0 });
                }
            }
        }

        foreach (var (symbol, position) in bySymbol)
        {
            if (_positions.GetValueOrDefault(symbol) is not { } old || !SamePosition(old, position))
            {
                changes++;
                if (!quiet)
                {
                    PublishLocked(AccountChangeKind.PositionUpdated, source, position: position);
                }
            }
        }

        _positions = _positions.Clear().SetItems(bySymbol);
        return changes;
    }

    /// <summary>Compares what both REST and the stream carry (REST-only fields are not on the stream).</summary>
    private static bool SamePosition(FuturePosition a, FuturePosition b) =>
        a.NetQuantity == b.NetQuantity && a.EntryPrice == b.EntryPrice && a.BreakEvenPrice == b.BreakEvenPrice
        && a.MarkPrice == b.MarkPrice && a.NetExposureQuantity == b.NetExposureQuantity && a.NetExposureNotional == b.NetExposureNotional
        && a.PnlRealized == b.PnlRealized && a.PnlUnrealized == b.PnlUnrealized && a.PositionId == b.PositionId;

    private static Order ToOrder(OrderUpdate u, Order? existing) => new()
    {
        Id = Id(u),
        ClientId = u.ClientOrderId,
        Symbol = u.Symbol,
        Side = u.Side,
        OrderType = u.OrderType,
        Status = u.Status,
        TimeInForce = u.TimeInForce,
        SelfTradePrevention = u.SelfTradePrevention,
        Price = u.Price,
        Quantity = u.Quantity,
        QuoteQuantity = u.QuoteQuantity,
        ExecutedQuantity = u.ExecutedQuantity,
        ExecutedQuoteQuantity = u.ExecutedQuoteQuantity,
        PostOnly = u.PostOnly,
        ReduceOnly = u.ReduceOnly,
        TriggerPrice = u.TriggerPrice,
        TriggerQuantity = u.TriggerQuantity,
        TriggerBy = u.TriggerBy,
        TriggeredAt = existing?.TriggeredAt,
        TakeProfitTriggerPrice = u.TakeProfitTriggerPrice,
        TakeProfitLimitPrice = u.TakeProfitLimitPrice,
        TakeProfitTriggerBy = u.TakeProfitTriggerBy,
        StopLossTriggerPrice = u.StopLossTriggerPrice,
        StopLossLimitPrice = u.StopLossLimitPrice,
        StopLossTriggerBy = u.StopLossTriggerBy,
        RelatedOrderId = u.RelatedOrderId?.ToString(CultureInfo.InvariantCulture) ?? existing?.RelatedOrderId,
        StrategyId = u.StrategyId?.ToString(CultureInfo.InvariantCulture) ?? existing?.StrategyId,
        ExpiryReason = u.ExpiryReason ?? existing?.ExpiryReason,
        SystemOrderType = existing?.SystemOrderType,
        CreatedAt = existing?.CreatedAt ?? u.EngineTime,
    };

    private static Fill ToFill(OrderUpdate u) => new()
    {
        TradeId = u.TradeId,
        OrderId = Id(u),
        ClientId = u.ClientOrderId?.ToString(CultureInfo.InvariantCulture),
        Symbol = u.Symbol,
        Side = u.Side,
        Price = u.FillPrice ?? 0m,
        Quantity = u.FillQuantity ?? 0m,
        Fee = u.Fee ?? 0m,
        FeeSymbol = u.FeeSymbol,
        IsMaker = u.IsMaker ?? false,
        Timestamp = u.EngineTime,
    };

    /// <summary>The stream's position; what only REST carries is kept from the last REST row.</summary>
    private static FuturePosition ToPosition(PositionUpdate u, FuturePosition? existing) => (existing ?? new FuturePosition()) with
    {
        Symbol = u.Symbol,
        PositionId = u.PositionId.ToString(CultureInfo.InvariantCulture),
        NetQuantity = u.NetQuantity,
        NetExposureQuantity = u.NetExposureQuantity,
        NetExposureNotional = u.NetExposureNotional,
        EntryPrice = u.EntryPrice,
        BreakEvenPrice = u.BreakEvenPrice,
        MarkPrice = u.MarkPrice,
        Imf = u.InitialMarginFraction,
        Mmf = u.MaintenanceMarginFraction,
        PnlRealized = u.RealizedPnl,
        PnlUnrealized = u.UnrealizedPnl,
    };
}
