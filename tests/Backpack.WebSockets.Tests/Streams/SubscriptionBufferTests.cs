using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Streams;

/// <summary>The lock-free buffer behind a subscription: order, bounds, growth, completion and the parked reader's wake-up.</summary>
public sealed class SubscriptionBufferTests
{
    [Fact]
    public void Items_AreReadInTheOrderWritten_AcrossRingGrowth()
    {
        // 1,000 items outgrow the first ring (32 slots) several times before any is read.
        var buffer = new SubscriptionBuffer<int>(capacity: 1000);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(buffer.TryWrite(i));
        }

        Assert.Equal(1000, buffer.Count);
        var read = new List<int>();
        while (buffer.TryRead(out var item))
        {
            read.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 1000), read);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void TryWrite_RefusesPastTheCapacity_EvenWhenTheRingHasMoreSlots()
    {
        // Capacity 5 rounds the ring up to 8 slots; the bound is still 5.
        var buffer = new SubscriptionBuffer<int>(capacity: 5);
        var written = Enumerable.Range(0, 8).Count(i => buffer.TryWrite(i));

        Assert.Equal(5, written);
        Assert.Equal(5, buffer.Count);
        Assert.True(buffer.TryRead(out var oldest));
        Assert.Equal(0, oldest);
        Assert.True(buffer.TryWrite(99));
        Assert.False(buffer.TryWrite(100));
    }

    [Fact]
    public void InterleavedWritesAndReads_WrapTheRingManyTimes_InOrder()
    {
        var buffer = new SubscriptionBuffer<long>(capacity: 3);
        var next = 0L;
        var expected = 0L;
        for (var round = 0; round < 500; round++)
        {
            // Write two or three, read one or two: the ring wraps and fills over and over.
            for (var i = 0; i < 2 + (round % 2); i++)
            {
                if (buffer.TryWrite(next))
                {
                    next++;
                }
            }

            for (var i = 0; i < 1 + (round % 3 == 0 ? 1 : 0); i++)
            {
                Assert.True(buffer.TryRead(out var item));
                Assert.Equal(expected++, item);
            }
        }

        while (buffer.TryRead(out var item))
        {
            Assert.Equal(expected++, item);
        }

        Assert.Equal(next, expected);
    }

    [Fact]
    public void HasItem_SeesAnItem_WithoutTakingIt()
    {
        var buffer = new SubscriptionBuffer<string>(capacity: 4);
        Assert.False(buffer.HasItem());

        buffer.TryWrite("a");

        Assert.True(buffer.HasItem());
        Assert.Equal(1, buffer.Count);
        Assert.True(buffer.TryRead(out var item));
        Assert.Equal("a", item);
        Assert.False(buffer.HasItem());
    }

    [Fact]
    public async Task ParkedReader_IsWokenByTheNextWrite()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        var wait = buffer.WaitToReadAsync(CancellationToken.None);
        Assert.False(wait.IsCompleted);

        buffer.TryWrite(7);

        Assert.True(await wait.AsTask().OrTimeout());
        Assert.True(buffer.TryRead(out var item));
        Assert.Equal(7, item);
    }

    [Fact]
    public async Task WaitToReadAsync_ReturnsAtOnce_WhenAnItemIsBuffered()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        buffer.TryWrite(1);

        var wait = buffer.WaitToReadAsync(CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
    }

    [Fact]
    public async Task Completion_WaitsForTheBufferedItems_ThenTheReaderGetsFalse()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        buffer.TryWrite(1);

        Assert.True(buffer.TryComplete());

        Assert.False(buffer.TryWrite(2));
        Assert.False(buffer.Completion.IsCompleted);
        Assert.True(await buffer.WaitToReadAsync(CancellationToken.None));
        Assert.True(buffer.TryRead(out var item));
        Assert.Equal(1, item);
        await buffer.Completion.OrTimeout();
        Assert.False(await buffer.WaitToReadAsync(CancellationToken.None));
        Assert.False(buffer.TryComplete());
    }

    [Fact]
    public async Task CompletionWithAnError_ReachesTheReaderAfterTheItems_AndFaultsCompletion()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        buffer.TryWrite(1);
        var error = new InvalidOperationException("ended");

        buffer.TryComplete(error);

        Assert.True(buffer.TryRead(out _));
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => buffer.WaitToReadAsync(CancellationToken.None).AsTask());
        Assert.Same(error, thrown);
        Assert.Same(error, (await Assert.ThrowsAsync<InvalidOperationException>(() => buffer.Completion.OrTimeout())));
    }

    [Fact]
    public async Task CompletionWithCancellation_CancelsCompletion()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);

        buffer.TryComplete(new OperationCanceledException());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => buffer.Completion.OrTimeout());
        Assert.True(buffer.Completion.IsCanceled);
    }

    [Fact]
    public async Task ParkedReader_IsWokenByCompletion()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        var wait = buffer.WaitToReadAsync(CancellationToken.None);

        buffer.TryComplete();

        // Woken to look again, it finds the buffer drained and done.
        Assert.True(await wait.AsTask().OrTimeout());
        Assert.False(await buffer.WaitToReadAsync(CancellationToken.None));
        Assert.True(buffer.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ParkedReader_IsCanceledByItsToken_AndCanWaitAgainAfter()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        using var cts = new CancellationTokenSource();
        var wait = buffer.WaitToReadAsync(cts.Token);

        await cts.CancelAsync();

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.AsTask().OrTimeout());
        Assert.Equal(cts.Token, canceled.CancellationToken);

        // A new wait with another token still works.
        buffer.StopWatchingCancellation();
        var again = buffer.WaitToReadAsync(CancellationToken.None);
        buffer.TryWrite(3);
        Assert.True(await again.AsTask().OrTimeout());
    }

    [Fact]
    public async Task WaitToReadAsync_WithACanceledToken_IsCanceled_UnlessAnItemIsBuffered()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => buffer.WaitToReadAsync(cts.Token).AsTask().OrTimeout());
        buffer.TryWrite(1);
        Assert.True(await buffer.WaitToReadAsync(cts.Token));
    }

    [Fact]
    public async Task OneWriterAndTwoTakers_TakeEveryItemOnce_InOrderPerTaker()
    {
        // The writer also takes (drops) the oldest item when full, as a subscription does, while the reader reads and parks.
        const int Items = 200_000;
        var buffer = new SubscriptionBuffer<int>(capacity: 64);
        var dropped = new List<int>();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Items; i++)
            {
                while (!buffer.TryWrite(i))
                {
                    if (buffer.TryRead(out var oldest))
                    {
                        dropped.Add(oldest);
                    }
                }
            }

            buffer.TryComplete();
        });

        var read = new List<int>();
        while (await buffer.WaitToReadAsync(CancellationToken.None).AsTask().OrTimeout())
        {
            while (buffer.TryRead(out var item))
            {
                read.Add(item);
            }
        }

        await writer.OrTimeout();
        await buffer.Completion.OrTimeout();

        // Every item was taken exactly once, by one taker or the other, and each taker saw them in order.
        Assert.Equal(Items, read.Count + dropped.Count);
        Assert.Equal(Enumerable.Range(0, Items), read.Concat(dropped).Order());
        Assert.True(read.SequenceEqual(read.Order()), "the reader saw items out of order");
        Assert.True(dropped.SequenceEqual(dropped.Order()), "the writer dropped items out of order");
    }

    [Fact]
    public void SynchronousContinuations_ResumeTheParkedReaderInsideTheWrite_OnTheWritersThread()
    {
        var buffer = new SubscriptionBuffer<int>(capacity: 4, synchronousContinuations: true);
        var resumedOn = 0;
        var reader = ResumeAsync(buffer, () => resumedOn = Environment.CurrentManagedThreadId);
        Assert.False(reader.IsCompleted);

        buffer.TryWrite(1);

        // Already resumed when the write returns, and on this thread.
        Assert.True(reader.IsCompletedSuccessfully);
        Assert.Equal(Environment.CurrentManagedThreadId, resumedOn);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task AWakeThatMustNotRunTheReaderInline_ReturnsBeforeTheReaderResumes(bool synchronousContinuations, bool byCompletion)
    {
        // The reader blocks until the waker has returned; run inline, it would find the waker not yet returned.
        var buffer = new SubscriptionBuffer<int>(capacity: 4, synchronousContinuations);
        using var wakerReturned = new ManualResetEventSlim();
        var sawWakerReturned = false;
        var reader = ResumeAsync(buffer, () => sawWakerReturned = wakerReturned.Wait(TimeSpan.FromSeconds(5)));

        if (byCompletion)
        {
            // Even when items may resume the reader inline, the end of writing never does.
            buffer.TryComplete();
        }
        else
        {
            buffer.TryWrite(1);
        }

        wakerReturned.Set();
        await reader.OrTimeout();
        Assert.True(sawWakerReturned);
    }

    [Fact]
    public void Constructor_RejectsANonPositiveCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SubscriptionBuffer<int>(0));
    }

    /// <summary>Waits once on <paramref name="buffer"/>, then runs <paramref name="onResumed"/> where the wait resumed.</summary>
    private static async Task ResumeAsync(SubscriptionBuffer<int> buffer, Action onResumed)
    {
        await buffer.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
        onResumed();
    }
}
