namespace Backpack.WebSockets.Transport;

/// <summary>A message grew past the configured maximum before its last frame arrived.</summary>
internal sealed class MessageTooLargeException : Exception
{
    public MessageTooLargeException(int maxMessageSize)
        : base($"A message from the server exceeded the maximum of {maxMessageSize} bytes.")
    {
        MaxMessageSize = maxMessageSize;
    }

    public int MaxMessageSize { get; }
}
