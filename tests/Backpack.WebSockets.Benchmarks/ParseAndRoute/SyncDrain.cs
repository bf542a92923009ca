namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// Reads a subscription through its public <c>await foreach</c> enumerator. The benchmark routes an item before each read,
/// so every <c>MoveNextAsync</c> completes synchronously; one that does not is a benchmark bug.
/// </summary>
internal sealed class SyncDrain<T>
{
    private readonly IAsyncEnumerator<T> _enumerator;

    public SyncDrain(IAsyncEnumerable<T> source) => _enumerator = source.GetAsyncEnumerator();

    public T Next()
    {
        var next = _enumerator.MoveNextAsync();
        if (!next.IsCompletedSuccessfully || !next.Result)
        {
            throw new InvalidOperationException("The routed item was not in the subscription's buffer.");
        }

        return _enumerator.Current;
    }
}
