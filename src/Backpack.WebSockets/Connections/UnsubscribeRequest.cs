using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Connections;

/// <summary>One UNSUBSCRIBE of one stream on one socket, waiting to be sent.</summary>
internal sealed class UnsubscribeRequest
{
    public UnsubscribeRequest(StreamRegistration registration)
    {
        Registration = registration;
    }

    public StreamRegistration Registration { get; }

    /// <summary>Completes when the request was sent, skipped, or its socket ended. Never faults.</summary>
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
