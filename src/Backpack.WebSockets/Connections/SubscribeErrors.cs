using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Connections;

/// <summary>Turns a server error frame into the typed error of the SUBSCRIBE it answered (spec §3.4).</summary>
internal static class SubscribeErrors
{
    /// <summary>The code of a bad or missing signature.</summary>
    public const int InvalidSignature = 4003;

    /// <summary>The code of a request that is not JSON or names an unknown method.</summary>
    public const int ParseError = 4002;

    /// <summary>The code of an unknown stream type.</summary>
    public const int InvalidStream = 4006;

    /// <summary>The code of a depth stream with an unsupported aggregation window.</summary>
    public const int InvalidDepthWindow = 4008;

    public static BackpackStreamException ToException(StreamRegistration registration, int code, string? message)
    {
        var errorCode = code switch
        {
            InvalidSignature => BackpackStreamErrorCode.AuthenticationFailed,
            >= 4001 and < InvalidSignature when registration.IsPrivate => BackpackStreamErrorCode.AuthenticationFailed,

            // The server could not read our request: a bug of ours or a server change, not a bad stream.
            ParseError => BackpackStreamErrorCode.ProtocolViolation,
            _ => BackpackStreamErrorCode.SubscriptionRejected,
        };
        var meaning = code switch
        {
            InvalidSignature => " (bad or missing signature)",
            ParseError => " (the server could not parse the request)",
            InvalidStream => " (unknown stream type)",
            InvalidDepthWindow => " (unsupported depth window)",
            _ => string.Empty,
        };
        return new BackpackStreamException(
            errorCode,
            $"The server rejected the subscription to '{registration.Name}' with code {code}{meaning}: {message ?? "(no message)"}.",
            registration.Name,
            code);
    }
}
