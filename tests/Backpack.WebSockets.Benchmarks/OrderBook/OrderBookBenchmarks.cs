using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.WebSockets.Benchmarks.OrderBook;

/// <summary>
/// A 1,000-level book (per side) under depth updates of 10 levels each (about 85% quantity changes or new levels, 15%
/// removals), and the cost of reading it. Each "Apply" invocation reloads the snapshot, then applies 8,192 updates
/// (81,920 level updates); the figures are per update, so level updates per second = 10 / mean. Baselines: a
/// <see cref="SortedDictionary{TKey,TValue}"/> book (the obvious implementation) and reading its top 10 under a lock.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OrderBookBenchmarks
{
    private const int Updates = 8192;

    private readonly Lock _baselineLock = new();
    private BookWorkload _workload = null!;
    private DepthSnapshot _snapshot = null!;
    private DepthUpdate[] _updates = null!;
    private OrderBookSynchronizer _synchronizer = null!;
    private BackpackStreamClient _client = null!;
    private BackpackOrderBook _book = null!;
    private SortedDictionary<decimal, decimal> _baselineBids = null!;
    private SortedDictionary<decimal, decimal> _baselineAsks = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = new BookWorkload(Updates);
        _snapshot = _workload.Snapshot;
        _updates = _workload.Updates;
        _synchronizer = new OrderBookSynchronizer(BackpackOrderBookOptions.DefaultMaxBufferedUpdates);
        _client = new BackpackStreamClient(new BackpackStreamClientOptions());
        _book = new BackpackOrderBook(_client, "SOL_USDC");
        _book.ApplySnapshot(_snapshot);
        _baselineBids = new SortedDictionary<decimal, decimal>(Comparer<decimal>.Create((x, y) => y.CompareTo(x)));
        _baselineAsks = [];
        LoadBaseline();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _book.DisposeAsync();
        await _client.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    [BenchmarkCategory("Apply")]
    public int Apply_SortedDictionaryBaseline()
    {
        LoadBaseline();
        foreach (var update in _updates)
        {
            lock (_baselineLock)
            {
                SetAll(_baselineBids, update.Bids);
                SetAll(_baselineAsks, update.Asks);
            }
        }

        return _baselineBids.Count;
    }

    /// <summary>The sync algorithm's book alone: chain check, level updates, crossed check.</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    [BenchmarkCategory("Apply")]
    public int Apply_Synchronizer()
    {
        _synchronizer.Restart();
        _synchronizer.OnSnapshot(_snapshot);
        foreach (var update in _updates)
        {
            _synchronizer.OnDiff(update);
        }

        return _synchronizer.BidCount;
    }

    /// <summary>The book's writer as the pump runs it under load: lock, apply, publish an immutable copy every 64 updates.</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    [BenchmarkCategory("Apply")]
    public long Apply_BookPublishEvery64()
    {
        Resync();
        for (var i = 0; i < _updates.Length; i++)
        {
            _book.OnDiff(_updates[i], publish: (i & 63) == 63);
        }

        return _book.LastUpdateId;
    }

    /// <summary>The worst case: a full immutable copy of the 2,000-level book after every update (a quiet stream).</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    [BenchmarkCategory("Apply")]
    public long Apply_BookPublishEach()
    {
        Resync();
        foreach (var update in _updates)
        {
            _book.OnDiff(update, publish: true);
        }

        return _book.LastUpdateId;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public int Read_Top10_SortedDictionaryUnderLockBaseline()
    {
        lock (_baselineLock)
        {
            return _baselineBids.Take(10).Select(l => new PriceLevel(l.Key, l.Value)).ToList().Count
                + _baselineAsks.Take(10).Select(l => new PriceLevel(l.Key, l.Value)).ToList().Count;
        }
    }

    [Benchmark]
    [BenchmarkCategory("Read")]
    public int GetSnapshot10() => _book.GetSnapshot(10).Bids.Count;

    [Benchmark]
    [BenchmarkCategory("Read")]
    public decimal BestBid() => _book.BestBid!.Value.Price;

    private static void SetAll(SortedDictionary<decimal, decimal> side, IReadOnlyList<PriceLevel> levels)
    {
        foreach (var level in levels)
        {
            if (level.Quantity == 0)
            {
                side.Remove(level.Price);
            }
            else
            {
                side[level.Price] = level.Quantity;
            }
        }
    }

    private void LoadBaseline()
    {
        _baselineBids.Clear();
        _baselineAsks.Clear();
        SetAll(_baselineBids, _snapshot.Bids);
        SetAll(_baselineAsks, _snapshot.Asks);
    }

    private void Resync() => _workload.Resync(_book);
}
