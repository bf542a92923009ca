using System.Diagnostics;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>
/// The sync algorithm of spec §8.2, without I/O: buffer depth updates while unsynced, load a snapshot that covers the first
/// buffered update, then require every update to chain. Not thread-safe: the owning book calls it under its write lock.
/// </summary>
internal sealed class OrderBookSynchronizer
{
    private readonly BookSide _bids = new(isBid: true);
    private readonly BookSide _asks = new(isBid: false);

    /// <summary>Updates received while unsynced; always one chain (each <c>U</c> is the previous <c>u</c> + 1).</summary>
    private readonly Queue<DepthUpdate> _buffer = new();

    private readonly int _maxBuffered;
    private long _lastBufferedId;
    private bool _synced;

    /// <summary>True right after a snapshot: the next update may straddle it (<c>U &lt;= lastUpdateId + 1 &lt;= u</c>).</summary>
    private bool _awaitingFirst;

    public OrderBookSynchronizer(int maxBuffered)
    {
        Debug.Assert(maxBuffered > 0, "The buffer bound is validated by the options.");
        _maxBuffered = maxBuffered;
    }

    public bool IsSynced => _synced;

    /// <summary>The id of the last update applied (or of the snapshot); kept when the book breaks.</summary>
    public long LastUpdateId { get; private set; }

    public int BufferedCount => _buffer.Count;

    public int BidCount => _bids.Count;

    public int AskCount => _asks.Count;

    /// <summary>Takes one depth update from the stream.</summary>
    public DiffOutcome OnDiff(DepthUpdate diff)
    {
        if (!_synced)
        {
            return Buffer(diff);
        }

        if (diff.LastUpdateId <= LastUpdateId)
        {
            // A duplicate, or an update the snapshot already contains.
            return DiffOutcome.Ignored;
        }

        var chains = _awaitingFirst
            ? diff.FirstUpdateId <= LastUpdateId + 1
            : diff.FirstUpdateId == LastUpdateId + 1;
        if (!chains)
        {
            Unsync();

            // The update that revealed the gap is still good data: the new chain starts with it.
            Buffer(diff);
            return DiffOutcome.Gap;
        }

        Apply(diff);
        _awaitingFirst = false;
        if (IsCrossed())
        {
            Unsync();
            return DiffOutcome.Crossed;
        }

        return DiffOutcome.Applied;
    }

    /// <summary>Loads a REST snapshot under the buffered updates, if it covers the first of them.</summary>
    public SnapshotOutcome OnSnapshot(DepthSnapshot snapshot)
    {
        if (_synced)
        {
            return SnapshotOutcome.AlreadySynced;
        }

        // The buffer is one chain, so only its first update can fall outside the snapshot's reach.
        if (_buffer.TryPeek(out var first) && snapshot.LastUpdateId < first.FirstUpdateId - 1)
        {
            return SnapshotOutcome.TooOld;
        }

        _bids.Clear();
        _asks.Clear();
        _bids.SetAll(snapshot.Bids);
        _asks.SetAll(snapshot.Asks);
        LastUpdateId = snapshot.LastUpdateId;
        _awaitingFirst = true;
        while (_buffer.TryDequeue(out var diff))
        {
            if (diff.LastUpdateId <= LastUpdateId)
            {
                continue;
            }

            Apply(diff);
            _awaitingFirst = false;
        }

        if (IsCrossed())
        {
            Unsync();
            return SnapshotOutcome.Crossed;
        }

        _synced = true;
        return SnapshotOutcome.Synced;
    }

    /// <summary>Forgets the book and the buffer (a reconnect or dropped updates): only later updates can be trusted.</summary>
    public void Restart()
    {
        Unsync();
    }

    /// <summary>The best bid price, if any.</summary>
    public bool TryGetBestBid(out decimal price) => _bids.TryGetBestPrice(out price);

    /// <summary>The best ask price, if any.</summary>
    public bool TryGetBestAsk(out decimal price) => _asks.TryGetBestPrice(out price);

    /// <summary>An immutable copy of the book for readers: the levels when synced, none otherwise.</summary>
    public OrderBookSnapshot CreateSnapshot(OrderBookState state, long version, int resyncCount)
    {
        if (!_synced)
        {
            return new OrderBookSnapshot(state, LastUpdateId, version, LevelList.Empty, LevelList.Empty, resyncCount);
        }

        // Shares the sides' frozen chunks: no level is copied (see BookSide.Publish).
        return new OrderBookSnapshot(state, LastUpdateId, version, _bids.Publish(), _asks.Publish(), resyncCount);
    }

    private DiffOutcome Buffer(DepthUpdate diff)
    {
        if (_buffer.Count > 0)
        {
            if (diff.LastUpdateId <= _lastBufferedId)
            {
                return DiffOutcome.Ignored;
            }

            if (diff.FirstUpdateId != _lastBufferedId + 1)
            {
                // A hole inside the buffer: what came before it can never be completed, so start the chain again here.
                _buffer.Clear();
            }
        }

        if (_buffer.Count == _maxBuffered)
        {
            // Dropping the oldest keeps one chain; the snapshot must then reach a little further.
            _buffer.Dequeue();
        }

        _buffer.Enqueue(diff);
        _lastBufferedId = diff.LastUpdateId;
        return DiffOutcome.Buffered;
    }

    private void Apply(DepthUpdate diff)
    {
        _bids.SetAll(diff.Bids);
        _asks.SetAll(diff.Asks);
        LastUpdateId = diff.LastUpdateId;
    }

    private bool IsCrossed() =>
        _bids.TryGetBestPrice(out var bid) && _asks.TryGetBestPrice(out var ask) && bid >= ask;

    private void Unsync()
    {
        _synced = false;
        _awaitingFirst = false;
        _bids.Clear();
        _asks.Clear();
        _buffer.Clear();
    }
}
