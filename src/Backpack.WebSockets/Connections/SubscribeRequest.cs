using System.Diagnostics;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Connections;

/// <summary>One SUBSCRIBE of one stream on one socket, from its queueing to its answer.</summary>
internal sealed class SubscribeRequest
{
    public SubscribeRequest(StreamRegistration registration)
    {
        Registration = registration;
    }

    public StreamRegistration Registration { get; }

    /// <summary>Completes when the request was answered (accepted or rejected), dropped, or its socket ended. Never faults.</summary>
    public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the error window ends, as a <see cref="TimeProvider"/> timestamp; set when the request is sent.</summary>
    public long Deadline { get; set; }

    /// <summary>The Subscribe activity, from the send to the answer.</summary>
    public Activity? Activity { get; set; }
}
