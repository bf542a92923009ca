namespace Backpack.WebSockets.Testing;

/// <summary>A data frame that <see cref="BackpackTestServer"/> wrote to one connection: see <see cref="BackpackTestServer.FrameSent"/>.</summary>
public sealed class FrameSentEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="connectionId">The connection the frame was written to.</param>
    /// <param name="stream">The stream the frame belongs to.</param>
    /// <param name="frame">The whole message text.</param>
    public FrameSentEventArgs(long connectionId, string stream, string frame)
    {
        ConnectionId = connectionId;
        Stream = stream;
        Frame = frame;
    }

    /// <summary>The connection id (from 1, as in <see cref="ReceivedRequest.ConnectionId"/>).</summary>
    public long ConnectionId { get; }

    /// <summary>The stream name the frame was published on, e.g. <c>account.orderUpdate</c>.</summary>
    public string Stream { get; }

    /// <summary>The whole message text, <c>{"data":...,"stream":"..."}</c>.</summary>
    public string Frame { get; }
}
