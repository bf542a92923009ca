namespace Backpack.WebSockets.OrderBook;

/// <summary>Why a book left <see cref="OrderBookState.Synced"/> (or restarted syncing); shown in the log line.</summary>
internal enum ResyncReason
{
    /// <summary>A depth update did not chain: <c>U != previous u + 1</c>.</summary>
    Gap,

    /// <summary>The best bid reached or passed the best ask.</summary>
    CrossedBook,

    /// <summary>The depth subscription dropped updates because the book did not read them fast enough.</summary>
    UpdatesDropped,

    /// <summary>The depth subscription ended because the connection was lost; the book resubscribes.</summary>
    ConnectionLost,

    /// <summary>The client reported a reconnect: updates may have been missed in between.</summary>
    Reconnected,

    /// <summary>The depth subscription ended without an error (someone unsubscribed the stream); the book resubscribes.</summary>
    SubscriptionEnded,
}
