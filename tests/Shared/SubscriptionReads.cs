namespace Backpack.WebSockets.TestSupport;

/// <summary>Reads subscriptions and other async sequences in tests, each read bounded by <c>TestTimeouts.Hang</c>.</summary>
internal static class SubscriptionReads
{
    /// <summary>
    /// Reads up to <paramref name="count"/> items. The enumerator is left undisposed, so the subscription is kept; a
    /// subscription can be read this way once.
    /// </summary>
    public static async Task<List<T>> ReadAsync<T>(this BackpackSubscription<T> subscription, int count)
    {
        var items = new List<T>();
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        var reader = subscription.GetAsyncEnumerator(cts.Token);
        while (items.Count < count && await reader.MoveNextAsync())
        {
            items.Add(reader.Current);
        }

        return items;
    }

    /// <summary>Enumerates <paramref name="subscription"/> to its end and returns the items (the end may be an exception).</summary>
    public static async Task<List<T>> ReadToEndAsync<T>(this BackpackSubscription<T> subscription)
    {
        var items = new List<T>();
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var item in subscription.WithCancellation(cts.Token))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Asserts that <paramref name="reader"/> has a next item (within the bound) and returns it.</summary>
    public static async Task<T> NextAsync<T>(this IAsyncEnumerator<T> reader)
    {
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        return reader.Current;
    }

    /// <summary>Enumerates <paramref name="items"/> (a REST pager, for one) to its end, cancelled after the bound.</summary>
    /// <remarks>Not an extension method: <c>System.Linq.AsyncEnumerable.ToListAsync</c> would make calls ambiguous.</remarks>
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        using var cts = new CancellationTokenSource(TestTimeouts.Hang);
        await foreach (var item in items.WithCancellation(cts.Token))
        {
            list.Add(item);
        }

        return list;
    }
}
