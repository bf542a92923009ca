namespace Backpack.WebSockets.Connections;

/// <summary>Where the subscribe-request queue put a server error frame.</summary>
internal enum ErrorAttribution
{
    /// <summary>No SUBSCRIBE was in flight: the error belongs to no stream.</summary>
    None,

    /// <summary>It rejected a live stream, or is being narrowed down among the streams in flight.</summary>
    Stream,

    /// <summary>It rejected a stream whose consumers had all left: nobody is told, and it is counted as unattributed.</summary>
    ReleasedStream,
}
