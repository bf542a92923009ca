namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Reads a subscription in tests, bounded by <see cref="TestTimeouts.Hang"/>.</summary>
public static class SubscriptionReads
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
}
