using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>The server's log messages; event ids are stable and never reused.</summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Backpack test server listening on {Endpoint}.", EventName = "Started")]
        public static partial void Started(ILogger logger, Uri endpoint);

        [LoggerMessage(2, LogLevel.Information, "Backpack test server stopped.", EventName = "Stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} accepted on {Path}.", EventName = "ConnectionAccepted")]
        public static partial void ConnectionAccepted(ILogger logger, long connectionId, string? path);

        [LoggerMessage(4, LogLevel.Debug, "Connection {ConnectionId} ended.", EventName = "ConnectionEnded")]
        public static partial void ConnectionEnded(ILogger logger, long connectionId);

        [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId}: {Method} rejected with code {Code}.", EventName = "RequestRejected")]
        public static partial void RequestRejected(ILogger logger, long connectionId, string? method, int code);

        [LoggerMessage(6, LogLevel.Debug, "Connection {ConnectionId}: private subscribe rejected: {Reason}.", EventName = "SignatureRejected")]
        public static partial void SignatureRejected(ILogger logger, long connectionId, string reason);

        [LoggerMessage(7, LogLevel.Information, "Fault: handshake rejected with HTTP {Status}.", EventName = "HandshakeRejected")]
        public static partial void HandshakeRejected(ILogger logger, int status);

        [LoggerMessage(8, LogLevel.Information, "Fault: dropped {Count} connections.", EventName = "ConnectionsDropped")]
        public static partial void ConnectionsDropped(ILogger logger, int count);

        [LoggerMessage(9, LogLevel.Information, "Fault: sent Close {Status} to {Count} connections.", EventName = "ConnectionsClosed")]
        public static partial void ConnectionsClosed(ILogger logger, int count, int status);

        [LoggerMessage(10, LogLevel.Debug, "Signed REST read {Path} rejected: {Reason}.", EventName = "RestRejected")]
        public static partial void RestRejected(ILogger logger, string path, string reason);

        [LoggerMessage(11, LogLevel.Information, "Fault: REST request {Path} answered HTTP {Status}.", EventName = "RestFaultInjected")]
        public static partial void RestFaultInjected(ILogger logger, string path, int status);

        [LoggerMessage(12, LogLevel.Debug, "Connection {ConnectionId}: subscribe ignored silently for unknown symbols: {Streams}.", EventName = "StreamsIgnored")]
        public static partial void StreamsIgnored(ILogger logger, long connectionId, string streams);
    }
}
