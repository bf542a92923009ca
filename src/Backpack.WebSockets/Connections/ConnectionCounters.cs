namespace Backpack.WebSockets.Connections;

/// <summary>Counters the client sums over all its connections, those already closed included.</summary>
internal sealed class ConnectionCounters
{
    private long _parseFailures;
    private long _unattributedErrors;

    /// <summary>Frames that could not be read: a bad envelope, or a payload that did not parse.</summary>
    public long ParseFailures => Interlocked.Read(ref _parseFailures);

    /// <summary>Server error frames that belonged to no SUBSCRIBE in flight.</summary>
    public long UnattributedErrors => Interlocked.Read(ref _unattributedErrors);

    public void AddParseFailure() => Interlocked.Increment(ref _parseFailures);

    public void AddUnattributedError() => Interlocked.Increment(ref _unattributedErrors);
}
