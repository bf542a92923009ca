namespace Backpack.WebSockets.Streams;

/// <summary>
/// An entry in a subscription's buffer: an item with its place in the order the consumer was handed items (1 for the
/// first), or a marker that the connection carrying the stream was lost at this point.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Item">The item; default for a marker.</param>
/// <param name="Sequence">How many items the subscription had been handed, this one included (for a marker: before it).</param>
/// <param name="IsConnectionLost">Whether this entry is the connection-lost marker rather than an item.</param>
internal readonly record struct SequencedItem<T>(T Item, long Sequence, bool IsConnectionLost = false);
