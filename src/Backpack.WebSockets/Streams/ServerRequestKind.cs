namespace Backpack.WebSockets.Streams;

/// <summary>The request a <see cref="ServerRequest"/> sends.</summary>
internal enum ServerRequestKind
{
    /// <summary>SUBSCRIBE, signed afresh at send time for private streams.</summary>
    Subscribe,

    /// <summary>UNSUBSCRIBE, never signed.</summary>
    Unsubscribe,
}
