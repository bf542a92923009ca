namespace Backpack.WebSockets;

/// <summary>One consumer's subscription to a stream. (Being built.)</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class BackpackSubscription<T>
{
    /// <summary>Items dropped.</summary>
    public long DroppedCount { get; }
}
