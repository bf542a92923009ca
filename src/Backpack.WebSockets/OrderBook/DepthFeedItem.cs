using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>One entry of an <see cref="IDepthSubscription"/>: an update, or the marker of a lost connection.</summary>
/// <param name="Update">The update; <see langword="null"/> for the marker.</param>
/// <param name="DroppedBefore">Whether updates were dropped between the previous update and this one.</param>
internal readonly record struct DepthFeedItem(DepthUpdate? Update, bool DroppedBefore)
{
    /// <summary>The marker: the connection carrying the stream was lost here.</summary>
    public static DepthFeedItem ConnectionLost => default;

    /// <summary>Whether this entry is the connection-lost marker.</summary>
    public bool IsConnectionLost => Update is null;
}
