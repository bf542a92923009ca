namespace Backpack.WebSockets.Protocol;

/// <summary>
/// A frame or payload that does not have the shape the protocol describes. Internal: the client counts and logs it, and
/// reports it to callers as <see cref="BackpackStreamErrorCode.ProtocolViolation"/>.
/// </summary>
internal sealed class PayloadFormatException : Exception
{
    public PayloadFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
