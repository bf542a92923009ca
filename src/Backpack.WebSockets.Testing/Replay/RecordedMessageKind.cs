namespace Backpack.WebSockets.Testing;

/// <summary>What a line of a <see cref="SessionRecording"/> holds.</summary>
public enum RecordedMessageKind
{
    /// <summary>A WebSocket message the client received.</summary>
    Frame,

    /// <summary>The body of a REST depth snapshot the client used.</summary>
    DepthSnapshot,
}
