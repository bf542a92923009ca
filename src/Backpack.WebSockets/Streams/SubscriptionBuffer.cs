using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Backpack.WebSockets.Streams;

/// <summary>
/// A subscription's bounded buffer: one writer at a time (the receive loop), one reader (the consumer), and the writer may
/// also take the oldest item out (to drop it). Lock-free, in place of a <c>BoundedChannel</c>, which takes a lock for every
/// write, read and peek: on a busy stream the reader's spin then contends with the writer for it.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <remarks>
/// <para>
/// A ring of slots, each with a sequence number that says whose turn it is (after Dmitry Vyukov's bounded queue, as in
/// <c>ConcurrentQueue</c>'s segments): a slot at position p is free for the writer when its sequence is p, readable when it
/// is p + 1. The writer owns the tail; the reader and a dropping writer take the head with a compare-and-swap, so an item is
/// taken once. The ring starts small and the writer doubles it, up to the capacity, when it fills: a quiet stream's buffer
/// stays small, a busy one allocates only while it grows.
/// </para>
/// <para>
/// A reader that finds the buffer empty parks on this object (an <see cref="IValueTaskSource{TResult}"/>, so parking does
/// not allocate); the writer wakes it after publishing an item, on the thread pool unless the client allows synchronous
/// continuations. The wake-up is a Dekker
/// hand-shake: the reader announces it is parked and then looks again, the writer publishes and then looks for a parked
/// reader, each with a full fence between, so at least one of them sees the other.
/// </para>
/// </remarks>
internal sealed class SubscriptionBuffer<T> : IValueTaskSource<bool>
{
    private const int InitialSlots = 32;

    /// <summary>The completion "error" of a normal end, so that one compare-and-swap decides who ended the writing.</summary>
    private static readonly Exception s_done = new();

    private readonly int _capacity;
    private readonly int _maxSlots;

    /// <summary>Completes when writing is done and the buffer drained: as <c>ChannelReader.Completion</c>.</summary>
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManualResetValueTaskSourceCore<bool> _waiter;

    /// <summary>The ring the writer writes to; the reader follows it to newer rings (see <see cref="Ring"/>).</summary>
    private Ring _writeRing;
    private Ring _readRing;

    /// <summary>1 while a reader is parked and nobody has woken it yet; whoever swaps it to 0 completes the wait.</summary>
    private int _parked;

    /// <summary>1 once the parked wait's continuation is registered (see <see cref="HasParkedReader"/>).</summary>
    private int _awaited;

    /// <summary>1 once writing is done; <see cref="_error"/> is set before it.</summary>
    private int _doneWriting;
    private Exception? _error;

    /// <summary>The reader's token, registered once (see <see cref="WatchCancellation"/>); the reader's own.</summary>
    private CancellationToken _watchedToken;
    private CancellationTokenRegistration _cancellationRegistration;

    /// <param name="capacity">The most items the buffer holds.</param>
    /// <param name="synchronousContinuations">
    /// Whether the parked reader resumes inline on the writer's thread when an item wakes it, rather than on the thread pool.
    /// </param>
    public SubscriptionBuffer(int capacity, bool synchronousContinuations = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _waiter.RunContinuationsAsynchronously = !synchronousContinuations;
        SynchronousContinuations = synchronousContinuations;
        _capacity = capacity;
        _maxSlots = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)capacity), 1u << 30);
        _writeRing = _readRing = new Ring(Math.Min(InitialSlots, _maxSlots), firstPosition: 0);
    }

    /// <summary>How many items are buffered (a snapshot: it may change at once).</summary>
    public int Count
    {
        get
        {
            // Written before read: a reader moving on meanwhile makes this an over-estimate, never negative.
            var tail = Volatile.Read(ref _writeRing.Tail);
            var head = Volatile.Read(ref Volatile.Read(ref _readRing).Head);
            return (int)Math.Clamp(tail - head, 0, _capacity);
        }
    }

    /// <summary>Whether a reader woken by an item resumes inline on the writer's thread.</summary>
    public bool SynchronousContinuations { get; }

    /// <summary>Completes once writing is done and every item was read; faulted (or canceled) as the completion says.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Whether a reader is parked, waiting for an item (for tests, which must know a wake-up is what they see).</summary>
    /// <remarks>Parked and awaited: a wake-up from here on runs the reader's continuation as configured.</remarks>
    public bool HasParkedReader => Volatile.Read(ref _parked) != 0 && Volatile.Read(ref _awaited) != 0;

    /// <summary>Whether writing is done (<see cref="TryComplete"/> was called).</summary>
    public bool IsWritingDone => Volatile.Read(ref _doneWriting) != 0;

    /// <summary>Appends <paramref name="item"/>, unless the buffer is full or writing is done. One writer at a time.</summary>
    /// <returns>Whether the item was written.</returns>
    public bool TryWrite(in T item)
    {
        if (Volatile.Read(ref _doneWriting) != 0)
        {
            return false;
        }

        var ring = _writeRing;
        var position = ring.Tail;

        // Positions run on across rings, so the head of the ring being read tells how many items are buffered in all.
        if (position - Volatile.Read(ref Volatile.Read(ref _readRing).Head) >= _capacity)
        {
            return false;
        }

        ref var slot = ref ring.Slots[(int)(position & ring.Mask)];
        var grown = false;
        if (Volatile.Read(ref slot.Sequence) != position)
        {
            if (ring.Slots.Length == _maxSlots)
            {
                // Not full (checked above), so a taker has claimed this slot's item and is a few instructions from
                // freeing it. Wait for that rather than refuse: a refusal would drop an item, or end a private stream.
                WaitUntilFree(ref slot, position);
            }
            else
            {
                // This ring is full (or its oldest slot is still being read out): go on in a ring twice the size.
                ring = new Ring(ring.Slots.Length * 2, position);
                slot = ref ring.Slots[(int)(position & ring.Mask)];
                grown = true;
            }
        }

        slot.Item = item;
        Volatile.Write(ref slot.Sequence, position + 1);
        Volatile.Write(ref ring.Tail, position + 1);
        if (grown)
        {
            // Linked after the old ring's last item and the new ring's first: a reader that finds the old ring empty and
            // then sees the link has every item of the old ring, and finds this one.
            Volatile.Write(ref _writeRing.NextRing, ring);
            _writeRing = ring;
        }

        // Full fence between publishing the item and looking for a parked reader (the other half is in WaitToReadAsync).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _parked) != 0)
        {
            Wake(byWriter: true);
        }

        return true;
    }

    /// <summary>Takes the oldest item: the reader, or the writer dropping it.</summary>
    /// <returns>Whether there was an item.</returns>
    public bool TryRead(out T item)
    {
        while (true)
        {
            var ring = Volatile.Read(ref _readRing);
            var position = Volatile.Read(ref ring.Head);
            ref var slot = ref ring.Slots[(int)(position & ring.Mask)];
            var turn = Volatile.Read(ref slot.Sequence) - (position + 1);
            if (turn == 0)
            {
                if (Interlocked.CompareExchange(ref ring.Head, position + 1, position) == position)
                {
                    item = slot.Item;
                    slot.Item = default!;

                    // The slot is free again for the writer one lap later.
                    Volatile.Write(ref slot.Sequence, position + ring.Slots.Length);
                    if (Volatile.Read(ref _doneWriting) != 0)
                    {
                        CompleteIfDrained();
                    }

                    return true;
                }
            }
            else if (turn < 0 && !TryMoveToNextRing(ring, position))
            {
                item = default!;
                return false;
            }

            // Another taker moved the head meanwhile, or the reading moved on to a newer ring: look again.
        }
    }

    /// <summary>Whether an item is ready to read, without taking it.</summary>
    public bool HasItem()
    {
        while (true)
        {
            var ring = Volatile.Read(ref _readRing);
            var position = Volatile.Read(ref ring.Head);
            var turn = Volatile.Read(ref ring.Slots[(int)(position & ring.Mask)].Sequence) - (position + 1);
            if (turn == 0)
            {
                return true;
            }

            if (turn < 0 && !TryMoveToNextRing(ring, position))
            {
                return false;
            }
        }
    }

    /// <summary>Ends writing, normally or with <paramref name="error"/>, which the reader gets after the buffered items.</summary>
    /// <returns>Whether this call ended it.</returns>
    public bool TryComplete(Exception? error = null)
    {
        if (Interlocked.CompareExchange(ref _error, error ?? s_done, null) is not null)
        {
            return false;
        }

        // Full fence (the exchange): a reader taking the last item either sees this, or is seen as done by the check below.
        Interlocked.Exchange(ref _doneWriting, 1);
        CompleteIfDrained();
        if (Volatile.Read(ref _parked) != 0)
        {
            Wake(byWriter: false);
        }

        return true;
    }

    /// <summary>
    /// Waits until an item may be readable or writing is done. Returns <see langword="true"/> when the reader should look
    /// again, <see langword="false"/> once the buffer is drained and done; throws the completion error then, if any. One
    /// reader, one wait at a time.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (HasItem())
        {
            return new ValueTask<bool>(true);
        }

        if (Volatile.Read(ref _doneWriting) != 0)
        {
            return DoneResult();
        }

        // Registered before the park is announced: a cancellation that comes in between is seen by the look below.
        WatchCancellation(cancellationToken);
        _waiter.Reset();
        _awaited = 0;
        Interlocked.Exchange(ref _parked, 1);

        // Look again after announcing the park: an item written before the writer could see the announcement is seen here.
        if (HasItem() || Volatile.Read(ref _doneWriting) != 0 || cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _parked, 0) != 0)
            {
                // Nobody completed this wait: answer at once.
                return cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<bool>(cancellationToken) : new ValueTask<bool>(true);
            }

            // A writer or the cancellation is completing the wait; its result follows.
        }

        return new ValueTask<bool>(this, _waiter.Version);
    }

    /// <summary>Drops the cancellation registration of the reader's token; the reader calls it when it stops reading.</summary>
    public void StopWatchingCancellation()
    {
        _cancellationRegistration.Dispose();
        _cancellationRegistration = default;
        _watchedToken = default;
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        _waiter.OnCompleted(continuation, state, token, flags);
        Volatile.Write(ref _awaited, 1);
    }

    /// <summary>
    /// Registers for the reader's token once, not at every park (a registration per wait would cost a quiet stream an
    /// allocation per item); the callback ends whichever wait is parked when the token fires.
    /// </summary>
    private void WatchCancellation(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == _watchedToken)
        {
            return;
        }

        StopWatchingCancellation();
        _watchedToken = cancellationToken;
        _cancellationRegistration = cancellationToken.UnsafeRegister(static state => ((SubscriptionBuffer<T>)state!).CancelWait(), this);
    }

    /// <summary>Spins (then yields) until the taker that claimed <paramref name="slot"/>'s item has freed it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WaitUntilFree(ref Slot slot, long position)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref slot.Sequence) != position)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Called when <paramref name="ring"/> looked empty at <paramref name="position"/>: if the writer went on in a newer ring,
    /// makes that the ring to read (once this one is truly drained).
    /// </summary>
    /// <returns><see langword="false"/> when the buffer is empty; <see langword="true"/> when the caller should look again.</returns>
    private bool TryMoveToNextRing(Ring ring, long position)
    {
        var next = Volatile.Read(ref ring.NextRing);
        if (next is null)
        {
            return false;
        }

        // Read the slot again after the link: the writer wrote its last item here before linking.
        ref var slot = ref ring.Slots[(int)(position & ring.Mask)];
        if (Volatile.Read(ref slot.Sequence) - (position + 1) < 0 && Volatile.Read(ref ring.Head) == position)
        {
            Interlocked.CompareExchange(ref _readRing, next, ring);
        }

        return true;
    }

    private ValueTask<bool> DoneResult()
    {
        // Items may have landed just before writing ended.
        if (HasItem())
        {
            return new ValueTask<bool>(true);
        }

        var error = Volatile.Read(ref _error);
        return error is null || ReferenceEquals(error, s_done) ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(error);
    }

    /// <summary>Completes the parked wait, if nobody else did: "look again".</summary>
    /// <param name="byWriter">
    /// Whether the writer wakes it for an item: only then may the reader resume inline. A completion or a cancellation
    /// always resumes it on the thread pool, so consumer code never runs inside the code that ends a connection.
    /// </param>
    private void Wake(bool byWriter)
    {
        if (Interlocked.Exchange(ref _parked, 0) != 0)
        {
            // Only the winner of the exchange touches the flag, and before the signal, which reads it.
            _waiter.RunContinuationsAsynchronously = !(byWriter && SynchronousContinuations);
            _waiter.SetResult(true);
        }
    }

    private void CancelWait()
    {
        if (Interlocked.Exchange(ref _parked, 0) != 0)
        {
            _waiter.RunContinuationsAsynchronously = true;
            _waiter.SetException(new OperationCanceledException(_watchedToken));
        }
    }

    private void CompleteIfDrained()
    {
        if (HasItem())
        {
            return;
        }

        // As a channel's completion: an OperationCanceledException cancels it, any other error faults it.
        var error = Volatile.Read(ref _error);
        if (error is null || ReferenceEquals(error, s_done))
        {
            _completion.TrySetResult();
        }
        else if (error is OperationCanceledException canceled)
        {
            _completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            _completion.TrySetException(error);
        }
    }

    /// <summary>One slot: an item and whose turn it is (see the type's remarks).</summary>
    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public T Item;
        public long Sequence;
    }

    /// <summary>
    /// A ring of slots. When the writer outgrows one it starts a ring twice the size at the position it reached and links
    /// it from the old one (<see cref="NextRing"/>), which it never writes again; the reader drains the old ring, then
    /// follows the link. Positions run on across rings, so a ring's slot for position p is p masked, whichever ring it is.
    /// </summary>
    [DebuggerDisplay("Slots = {Slots.Length}, Head = {Head}, Tail = {Tail}")]
    private sealed class Ring
    {
        public readonly Slot[] Slots;
        public readonly long Mask;

        /// <summary>The newer ring, linked by the writer after its first item; null while this one is written.</summary>
        public Ring? NextRing;

        // Head (taken by the reader) and Tail (advanced by the writer) on cache lines of their own.
        public PaddedLong HeadLine;
        public PaddedLong TailLine;

        public Ring(int slots, long firstPosition)
        {
            Slots = new Slot[slots];
            Mask = slots - 1;
            for (var i = 0; i < slots; i++)
            {
                // The slot that position firstPosition + k maps to expects position firstPosition + k first.
                var position = firstPosition + i;
                Slots[(int)(position & Mask)].Sequence = position;
            }

            HeadLine.Value = firstPosition;
            TailLine.Value = firstPosition;
        }

        public ref long Head => ref HeadLine.Value;

        public ref long Tail => ref TailLine.Value;
    }
}
