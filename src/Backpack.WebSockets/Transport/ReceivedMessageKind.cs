namespace Backpack.WebSockets.Transport;

/// <summary>What <see cref="WebSocketMessageReader.ReadAsync"/> returned.</summary>
internal enum ReceivedMessageKind
{
    /// <summary>A whole text message is in <see cref="WebSocketMessageReader.Message"/>.</summary>
    Message,

    /// <summary>The peer sent a Close frame.</summary>
    Close,

    /// <summary>A whole binary message: Backpack sends only text, so this breaks the protocol.</summary>
    Binary,
}
