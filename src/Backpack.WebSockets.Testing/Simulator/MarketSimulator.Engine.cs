namespace Backpack.WebSockets.Testing;

public sealed partial class MarketSimulator
{
    /// <summary>Creates a market's state with a full book around its mid price.</summary>
    private MarketState CreateMarket(SimulatedMarket market, DateTimeOffset now)
    {
        var state = new MarketState(market, _random.NextInt64(1_000_000_000, 5_000_000_000), _random.NextInt64(1_000_000, 100_000_000), now.UtcDateTime);
        var mid = market.ToTicks(market.MidPrice);
        foreach (var isBid in (bool[])[true, false])
        {
            var ticks = isBid ? mid - 1 : mid + 1;
            for (var i = 0; i < _options.BookDepth; i++)
            {
                state.Book.Set(isBid, ticks, RandomLots());
                ticks += (isBid ? -1 : 1) * (_random.Next(4) == 0 ? 2 : 1);
            }
        }

        state.LastTop = Top(state.Book);
        state.TickerOpen = state.TickerHigh = state.TickerLow = state.LastPrice = mid;
        state.OpenInterestLots = _random.NextInt64(1_000_000, 5_000_000);
        return state;
    }

    /// <summary>One market's part of a step: an optional hidden update (gap), one or more published updates, their frames.</summary>
    private void StepMarket(MarketState state, FrameBatch batch)
    {
        if (state.PendingGap)
        {
            state.PendingGap = false;
            ApplyEngineUpdate(state, changes: null, events: null);
        }

        var firstId = state.LastUpdateId + 1;
        var updates = _random.NextDouble() < _options.MergeProbability ? _random.Next(2, 5) : 1;
        var changes = new LevelChanges();
        var events = new FrameBatch(_server);
        for (var i = 0; i < updates; i++)
        {
            ApplyEngineUpdate(state, changes, events);
        }

        PublishDepth(state, firstId, changes, batch);
        PublishBookTickerIfChanged(state, batch);
        batch.Frames.AddRange(events.Frames);
        if (state.Market.IsPerpetual && _random.NextDouble() < _options.LiquidationProbability)
        {
            PublishLiquidation(state, batch);
        }
    }

    /// <summary>
    /// Applies one engine update (one update id): a few level changes, maybe a trade, maybe account activity.
    /// A hidden update (<paramref name="events"/> <see langword="null"/>) makes level changes only.
    /// </summary>
    private void ApplyEngineUpdate(MarketState state, LevelChanges? changes, FrameBatch? events)
    {
        var id = ++state.LastUpdateId;
        var made = new List<BookChange>();
        var operations = _random.Next(1, 4);
        for (var i = 0; i < operations; i++)
        {
            MutateBook(state, made);
        }

        if (events is not null && _random.NextDouble() < _options.TradeProbability)
        {
            ExecuteTrade(state, made, events);
        }

        if (events is not null && _options.AccountPublicKey is not null && _random.NextDouble() < _options.AccountActivity)
        {
            ActForAccount(state, made, events);
        }

        Trim(state, isBid: true, made);
        Trim(state, isBid: false, made);
        if (_options.SnapshotHistory > 0)
        {
            state.History.Enqueue(new EngineUpdate(id, made));
            if (state.History.Count > _options.SnapshotHistory)
            {
                state.History.Dequeue();
            }
        }

        changes?.Merge(made);
    }

    /// <summary>
    /// One random level change. New levels inside the spread (likelier the wider it is) and trades that take top levels
    /// make the price walk; adds never cross the book, and removals keep at least <see cref="MinLevelsPerSide"/> per side.
    /// </summary>
    private void MutateBook(MarketState state, List<BookChange> made)
    {
        var book = state.Book;
        var isBid = _random.Next(2) == 0;
        var side = book.Side(isBid);
        var roll = _random.NextDouble();
        var spread = book.BestAsk - book.BestBid;
        if (spread > 1 && roll < Math.Min(0.6, 0.15 * (spread - 1)))
        {
            var inside = _random.NextInt64(1, spread);
            SetLevel(state, isBid, isBid ? book.BestBid + inside : book.BestAsk - inside, RandomLots(), made);
        }
        else if (side.Count < _options.BookDepth || roll < 0.45)
        {
            var offset = (long)(Math.Pow(_random.NextDouble(), 2) * _options.BookDepth * 1.5);
            var ticks = isBid ? book.BestBid - offset : book.BestAsk + offset;
            if (ticks > 0)
            {
                SetLevel(state, isBid, ticks, RandomLots(), made);
            }
        }
        else if (roll < 0.8)
        {
            var index = (int)(Math.Pow(_random.NextDouble(), 2) * side.Count);
            SetLevel(state, isBid, side.Keys[index], RandomLots(), made);
        }
        else if (side.Count > MinLevelsPerSide)
        {
            SetLevel(state, isBid, side.Keys[_random.Next(side.Count)], 0, made);
        }
    }

    /// <summary>A taker trade against the best level of one side: part of it, or all of it when the side is deep enough.</summary>
    private void ExecuteTrade(MarketState state, List<BookChange> made, FrameBatch events)
    {
        var takerBuys = _random.Next(2) == 0;
        var makerIsBid = !takerBuys;
        var side = state.Book.Side(makerIsBid);
        var ticks = side.Keys[0];
        var levelLots = side.Values[0];
        var lots = _random.NextDouble() < 0.5 && side.Count > MinLevelsPerSide
            ? levelLots
            : Math.Min(levelLots - 1, 1 + _random.NextInt64(levelLots));
        var makerOrderId = NextOrderId();
        var takerOrderId = NextOrderId();
        if (lots <= 0)
        {
            return;
        }

        SetLevel(state, makerIsBid, ticks, levelLots - lots, made);
        var tradeId = ++state.LastTradeId;
        var accountOrder = state.Order is { } order && order.IsBid == makerIsBid && order.Ticks == ticks ? order : null;
        if (accountOrder is not null)
        {
            makerOrderId = accountOrder.Id;
        }

        var market = state.Market;
        var buyer = makerIsBid ? makerOrderId : takerOrderId;
        var seller = makerIsBid ? takerOrderId : makerOrderId;
        events.Add(state.TradeStream, writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("a", seller);
            writer.WriteString("b", buyer);
            writer.WriteString("e", "trade");
            writer.WriteBoolean("m", makerIsBid);
            writer.WriteString("p", market.FormatPrice(ticks));
            writer.WriteString("q", market.FormatQuantity(lots));
            writer.WriteString("s", market.Symbol);
            writer.WriteNumber("t", tradeId);
        });

        RecordTrade(state, ticks, lots, takerBuys);
        if (accountOrder is not null)
        {
            FillAccountOrder(state, accountOrder, Math.Min(accountOrder.RemainingLots, lots), tradeId, events);
        }
    }

    /// <summary>Keeps a side at <see cref="MarketSimulatorOptions.BookDepth"/> levels by removing the worst ones.</summary>
    private void Trim(MarketState state, bool isBid, List<BookChange> made)
    {
        var side = state.Book.Side(isBid);
        while (side.Count > _options.BookDepth)
        {
            SetLevel(state, isBid, side.Keys[^1], 0, made);
        }
    }

    /// <summary>Sets a level and records the change (unless the quantity is unchanged).</summary>
    private static void SetLevel(MarketState state, bool isBid, long ticks, long lots, List<BookChange> made)
    {
        var old = state.Book.Set(isBid, ticks, lots);
        if (old != lots)
        {
            made.Add(new BookChange(isBid, ticks, old, lots));
        }
    }

    /// <summary>A level quantity, mostly small, sometimes large.</summary>
    private long RandomLots() => 1 + (long)(Math.Pow(_random.NextDouble(), 3) * MaxLotsPerLevel);

    /// <summary>The top of a book: best bid and ask with their quantities.</summary>
    private static (long, long, long, long) Top(SimulatedBook book) =>
        (book.BestBid, book.Bids.Values[0], book.BestAsk, book.Asks.Values[0]);
}
