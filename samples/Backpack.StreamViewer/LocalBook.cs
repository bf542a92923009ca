using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>
/// A local order book built the documented way: buffer <c>depth</c> diffs, load a REST snapshot, drop the diffs it
/// already contains, apply the rest, then require every diff to chain (<c>U == previous u + 1</c>).
/// </summary>
/// <remarks>Thread-safe: the depth reader, the snapshot fetcher and the renderer all use it.</remarks>
internal sealed class LocalBook
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<decimal, decimal> _bids = [];
    private readonly SortedDictionary<decimal, decimal> _asks = [];
    private readonly List<DepthUpdate> _buffer = [];
    private bool _synced;
    private bool _awaitingFirst;
    private long _lastUpdateId;
    private int _resyncs;

    /// <summary>
    /// Takes one diff from the stream. Returns <see langword="false"/> when it does not chain: the book is then
    /// unsynchronized (the diff is kept in the buffer) and the caller must fetch a new snapshot.
    /// </summary>
    public bool OnDiff(DepthUpdate diff)
    {
        lock (_lock)
        {
            if (!_synced)
            {
                _buffer.Add(diff);
                return true;
            }

            if (diff.LastUpdateId <= _lastUpdateId)
            {
                return true; // Why: already in the book (a duplicate or an event older than the snapshot).
            }

            // Why "awaiting first" is looser: a merged diff may straddle the snapshot (U <= lastUpdateId + 1 <= u).
            var chains = _awaitingFirst ? diff.FirstUpdateId <= _lastUpdateId + 1 : diff.FirstUpdateId == _lastUpdateId + 1;
            if (!chains)
            {
                _synced = false;
                _resyncs++;
                _bids.Clear();
                _asks.Clear();
                _buffer.Clear();
                _buffer.Add(diff);
                return false;
            }

            Apply(diff);
            _awaitingFirst = false;
            return true;
        }
    }

    /// <summary>Loads a snapshot and replays the buffered diffs on top of it.</summary>
    public SnapshotResult TryApplySnapshot(DepthSnapshot snapshot)
    {
        lock (_lock)
        {
            if (_synced)
            {
                return SnapshotResult.Synced; // Why: a stale resync request; the book already chains.
            }

            if (_buffer.Count > 0 && snapshot.LastUpdateId < _buffer[0].FirstUpdateId - 1)
            {
                return SnapshotResult.TooOld; // Why: updates between the snapshot and the first diff were never seen.
            }

            _bids.Clear();
            _asks.Clear();
            Set(_bids, snapshot.Bids);
            Set(_asks, snapshot.Asks);
            _lastUpdateId = snapshot.LastUpdateId;

            var first = true;
            foreach (var diff in _buffer)
            {
                if (diff.LastUpdateId <= _lastUpdateId)
                {
                    continue;
                }

                var chains = first ? diff.FirstUpdateId <= _lastUpdateId + 1 : diff.FirstUpdateId == _lastUpdateId + 1;
                if (!chains)
                {
                    _bids.Clear();
                    _asks.Clear();
                    _buffer.Clear();
                    return SnapshotResult.Gap;
                }

                Apply(diff);
                first = false;
            }

            _buffer.Clear();
            _awaitingFirst = first;
            _synced = true;
            return SnapshotResult.Synced;
        }
    }

    /// <summary>Forgets everything (after a reconnect): the next snapshot starts over.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _synced = false;
            _bids.Clear();
            _asks.Clear();
            _buffer.Clear();
        }
    }

    /// <summary>Copies the best <paramref name="depth"/> levels of each side.</summary>
    public BookView Top(int depth)
    {
        lock (_lock)
        {
            // Why Reverse on bids: SortedDictionary is ascending, the best bid is the highest price.
            var bids = _bids.Reverse().Take(depth).Select(l => new PriceLevel(l.Key, l.Value)).ToList();
            var asks = _asks.Take(depth).Select(l => new PriceLevel(l.Key, l.Value)).ToList();
            return new BookView(_synced, _lastUpdateId, bids, asks, _resyncs);
        }
    }

    private void Apply(DepthUpdate diff)
    {
        Set(_bids, diff.Bids);
        Set(_asks, diff.Asks);
        _lastUpdateId = diff.LastUpdateId;
    }

    private static void Set(SortedDictionary<decimal, decimal> side, IReadOnlyList<PriceLevel> levels)
    {
        foreach (var level in levels)
        {
            // Why: levels carry absolute quantities; 0 removes the level.
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
}
