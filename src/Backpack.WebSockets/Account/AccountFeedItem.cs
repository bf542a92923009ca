namespace Backpack.WebSockets.Account;

/// <summary>One entry of an <see cref="IAccountSubscription{T}"/>: an item, or the marker of a lost connection.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Item">The item; <see langword="null"/> for the marker.</param>
internal readonly record struct AccountFeedItem<T>(T? Item)
    where T : class
{
    /// <summary>The marker: the connection carrying the stream was lost here.</summary>
    public static AccountFeedItem<T> ConnectionLost => default;

    /// <summary>Whether this entry is the connection-lost marker.</summary>
    public bool IsConnectionLost => Item is null;
}
