namespace Backpack.WebSockets.Streams;

/// <summary>An item in a subscription's buffer, with its place in the order the consumer was handed items (1 for the first).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Item">The item.</param>
/// <param name="Sequence">How many items the subscription had been handed, this one included.</param>
internal readonly record struct SequencedItem<T>(T Item, long Sequence);
