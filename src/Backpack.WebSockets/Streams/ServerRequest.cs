namespace Backpack.WebSockets.Streams;

/// <summary>
/// A SUBSCRIBE or UNSUBSCRIBE waiting in a connection's request queue. Requests are sent one at a time, in order, so an
/// error frame (which carries no request id) can only belong to the SUBSCRIBE in flight.
/// </summary>
internal sealed class ServerRequest
{
    public ServerRequest(ServerRequestKind kind, StreamRegistration registration)
    {
        Kind = kind;
        Registration = registration;
    }

    public ServerRequestKind Kind { get; }

    public StreamRegistration Registration { get; }

    /// <summary>Completes when the request was handled (sent, skipped, or failed with the connection).</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
