namespace Backpack.Soak;

/// <summary>A private event the server wrote to a connection: which connection, and the event's identity.</summary>
/// <param name="ConnectionId">The server's connection id.</param>
/// <param name="Key">The event's identity (event type, order id, trade id), as <see cref="DeliveryCheck"/> compares it.</param>
internal readonly record struct SentEvent(long ConnectionId, string Key);
