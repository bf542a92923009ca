using System.Globalization;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// Seeded random runs: an exchange book moves, its updates reach the local book merged, duplicated, with gaps and with
/// lagging snapshots; after every event the local book must equal the exchange's book at its update id whenever Synced,
/// and its state must be exactly what the algorithm of spec §8.2 says.
/// </summary>
public sealed class OrderBookPropertyTests
{
    private const string Symbol = "SOL_USDC";
    private static readonly string[] s_zeroSpellings = ["0", "0.00", "0.00000", "0.0"];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 30; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomUpdates_BookEqualsReferenceWheneverSynced_AndStaleExactlyOnGaps(int seed)
    {
        // Five runs per case keep the case count readable while covering 150 seeds.
        var resyncs = 0;
        for (var run = 0; run < 5; run++)
        {
            resyncs += await RunAsync((seed * 5) + run);
        }

        // The runs must have exercised what they claim to: a synced book going stale on a gap, and resyncing.
        Assert.True(resyncs > 0, $"seed {seed}: no resync in five runs");
    }

    /// <returns>The number of resyncs of the run.</returns>
    private static async Task<int> RunAsync(int seed)
    {
        var random = new Random(seed);
        var maxBuffered = random.Next(2) == 0 ? 10_000 : random.Next(1, 5);
        // Snapshots are handed over by the test; a fetch the book starts is never answered.
        await using var book = new BackpackOrderBook(new FakeDepthFeed(), Symbol, new BackpackOrderBookOptions { MaxBufferedUpdates = maxBuffered });

        var exchange = new ExchangeModel(random);
        var model = new ReferenceModel(maxBuffered);
        var delivered = new List<(long First, long Last, string Payload)>();
        var gaps = 0;
        var snapshotsUsed = 0;
        for (var step = 0; step < 150; step++)
        {
            var message = exchange.NextMessage();
            var roll = random.NextDouble();
            if (roll < 0.06)
            {
                gaps++;
            }
            else
            {
                Deliver(message);
                if (roll > 0.93 && delivered.Count > 1)
                {
                    Deliver(delivered[random.Next(Math.Max(0, delivered.Count - 6), delivered.Count)]);
                }
            }

            if (random.NextDouble() < (model.IsSynced ? 0.03 : 0.2))
            {
                var lag = random.Next(0, 7);
                var snapshotId = Math.Max(exchange.FirstId, exchange.LastId - lag);
                var snapshot = exchange.Snapshot(snapshotId);
                var outcome = book.ApplySnapshot(snapshot);
                var expected = model.OnSnapshot(snapshotId);
                Assert.Equal(expected, outcome);
                snapshotsUsed += outcome == SnapshotOutcome.Synced ? 1 : 0;
                Check();
            }
        }

        Assert.True(snapshotsUsed > 0, $"seed {seed}: never synced");
        Assert.True(gaps > 0, $"seed {seed}: no gap injected");
        return model.ResyncCount;

        void Deliver((long First, long Last, string Payload) message)
        {
            delivered.Add(message);
            book.OnDiff(DepthJson.Parse(message.Payload));
            model.OnDiff(message.First, message.Last);
            Check();
        }

        void Check()
        {
            var snapshot = book.GetSnapshot();
            Assert.Equal(model.State, book.State);
            Assert.Equal(model.State, snapshot.State);
            Assert.Equal(model.ResyncCount, book.ResyncCount);
            if (model.IsSynced)
            {
                Assert.Equal(model.LastUpdateId, snapshot.LastUpdateId);
                var (bids, asks) = exchange.BookAt(model.LastUpdateId);
                Assert.Equal(bids, snapshot.Bids.Select(l => (l.Price, l.Quantity)));
                Assert.Equal(asks, snapshot.Asks.Select(l => (l.Price, l.Quantity)));
            }
            else
            {
                Assert.Empty(snapshot.Bids);
                Assert.Empty(snapshot.Asks);
            }
        }
    }

    /// <summary>The simulated exchange: a book that never crosses (bids under 100, asks over 100) and its history per update id.</summary>
    private sealed class ExchangeModel
    {
        private readonly Random _random;
        private readonly SortedDictionary<decimal, decimal> _bids = [];
        private readonly SortedDictionary<decimal, decimal> _asks = [];
        private readonly Dictionary<long, ((decimal, decimal)[] Bids, (decimal, decimal)[] Asks)> _history = [];

        public ExchangeModel(Random random)
        {
            _random = random;
            for (var i = random.Next(3, 20); i > 0; i--)
            {
                _bids[BidPrice()] = Quantity();
                _asks[AskPrice()] = Quantity();
            }

            FirstId = random.Next(1, 1_000_000);
            LastId = FirstId;
            Record();
        }

        public long FirstId { get; }

        public long LastId { get; private set; }

        /// <summary>One depth message: one engine update, or several merged (<c>U &lt; u</c>).</summary>
        public (long First, long Last, string Payload) NextMessage()
        {
            var first = LastId + 1;
            var bids = new List<(string, string)>();
            var asks = new List<(string, string)>();
            for (var updates = _random.NextDouble() < 0.2 ? _random.Next(2, 4) : 1; updates > 0; updates--)
            {
                for (var changes = _random.Next(1, 4); changes > 0; changes--)
                {
                    var isBid = _random.Next(2) == 0;
                    var side = isBid ? _bids : _asks;
                    var (price, quantity, text) = NextChange(side, isBid);
                    (isBid ? bids : asks).Add((price.ToString(CultureInfo.InvariantCulture), text));
                    if (quantity == 0)
                    {
                        side.Remove(price);
                    }
                    else
                    {
                        side[price] = quantity;
                    }
                }

                LastId++;
                Record();
            }

            return (first, LastId, DepthJson.Payload(Symbol, first, LastId, bids, asks));
        }

        public DepthSnapshot Snapshot(long id)
        {
            var (bids, asks) = _history[id];

            // As the REST API: both sides ascending.
            return new DepthSnapshot(id, [.. bids.Reverse().Select(l => new PriceLevel(l.Item1, l.Item2))], [.. asks.Select(l => new PriceLevel(l.Item1, l.Item2))]);
        }

        public ((decimal, decimal)[] Bids, (decimal, decimal)[] Asks) BookAt(long id) => _history[id];

        private (decimal Price, decimal Quantity, string Text) NextChange(SortedDictionary<decimal, decimal> side, bool isBid)
        {
            if (side.Count > 1 && _random.NextDouble() < 0.35)
            {
                // Remove an existing level, zero spelled as the live wire spells it.
                var price = side.Keys.ElementAt(_random.Next(side.Count));
                return (price, 0m, s_zeroSpellings[_random.Next(s_zeroSpellings.Length)]);
            }

            if (_random.NextDouble() < 0.05)
            {
                // Removing a level that does not exist is harmless.
                return (isBid ? BidPrice() : AskPrice(), 0m, s_zeroSpellings[_random.Next(s_zeroSpellings.Length)]);
            }

            var quantity = Quantity();
            var newPrice = side.Count > 0 && _random.NextDouble() < 0.5 ? side.Keys.ElementAt(_random.Next(side.Count)) : isBid ? BidPrice() : AskPrice();

            // Trailing zeros vary on the wire; the value is what counts.
            var text = _random.Next(2) == 0 ? quantity.ToString(CultureInfo.InvariantCulture) : quantity.ToString("0.000000", CultureInfo.InvariantCulture);
            return (newPrice, quantity, text);
        }

        private decimal BidPrice() => 90m + (_random.Next(0, 1000) / 100m);

        private decimal AskPrice() => 100.01m + (_random.Next(0, 1000) / 100m);

        private decimal Quantity() => _random.Next(1, 50_000) / 1000m;

        private void Record() =>
            _history[LastId] = ([.. _bids.Reverse().Select(l => (l.Key, l.Value))], [.. _asks.Select(l => (l.Key, l.Value))]);
    }

    /// <summary>What spec §8.2 says the book's state must be, tracked from update ids alone.</summary>
    private sealed class ReferenceModel(int maxBuffered)
    {
        private readonly Queue<(long First, long Last)> _chain = new();
        private long _chainLast;

        public bool IsSynced { get; private set; }

        public bool EverSynced { get; private set; }

        public long LastUpdateId { get; private set; }

        public int ResyncCount { get; private set; }

        public OrderBookState State => IsSynced ? OrderBookState.Synced : EverSynced ? OrderBookState.Stale : OrderBookState.Syncing;

        public void OnDiff(long first, long last)
        {
            if (IsSynced)
            {
                if (last <= LastUpdateId)
                {
                    return;
                }

                if (first <= LastUpdateId + 1)
                {
                    LastUpdateId = last;
                    return;
                }

                // A gap: stale at once, and the update that showed it starts the next chain.
                IsSynced = false;
                ResyncCount++;
                _chain.Clear();
            }
            else if (_chain.Count > 0)
            {
                if (last <= _chainLast)
                {
                    return;
                }

                if (first != _chainLast + 1)
                {
                    _chain.Clear();
                }
            }

            if (_chain.Count == maxBuffered)
            {
                _chain.Dequeue();
            }

            _chain.Enqueue((first, last));
            _chainLast = last;
        }

        public SnapshotOutcome OnSnapshot(long snapshotId)
        {
            if (IsSynced)
            {
                return SnapshotOutcome.AlreadySynced;
            }

            if (_chain.TryPeek(out var oldest) && snapshotId < oldest.First - 1)
            {
                return SnapshotOutcome.TooOld;
            }

            LastUpdateId = Math.Max(snapshotId, _chain.Count > 0 ? _chainLast : snapshotId);
            _chain.Clear();
            IsSynced = true;
            EverSynced = true;
            return SnapshotOutcome.Synced;
        }
    }
}
