namespace Backpack.WebSockets.Rest;

/// <summary>What the markets catalog knows about a symbol.</summary>
internal enum MarketStatus
{
    /// <summary>Listed and not closed: a stream of it can deliver.</summary>
    Known,

    /// <summary>Not listed, even after a fresh read: the exchange would stay silent on its streams.</summary>
    Unknown,

    /// <summary>Listed with <c>orderBookState</c> <c>Closed</c>: its streams stay silent too.</summary>
    Closed,

    /// <summary>The catalog could not be read and none was read before: no answer either way.</summary>
    CatalogUnavailable,
}
