namespace Backpack.WebSockets.Protocol;

/// <summary>What a server frame turned out to be.</summary>
internal enum EnvelopeKind
{
    /// <summary>A <c>{"stream": ..., "data": {...}}</c> frame.</summary>
    Data,

    /// <summary>An <c>{"id": null, "error": {"code": ..., "message": ...}}</c> frame.</summary>
    Error,
}
