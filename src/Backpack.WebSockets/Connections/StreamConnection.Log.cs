using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

internal sealed partial class StreamConnection
{
    /// <summary>Log messages with stable ids (they keep the ids the client used for them); every one names its connection.</summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId}: connecting to {Endpoint}.", EventName = "Connecting")]
        public static partial void Connecting(ILogger logger, int connectionId, Uri endpoint);

        [LoggerMessage(2, LogLevel.Information, "Connection {ConnectionId}: connected to {Endpoint} (compressed: {IsCompressed}).", EventName = "Connected")]
        public static partial void Connected(ILogger logger, int connectionId, Uri endpoint, bool isCompressed);

        [LoggerMessage(3, LogLevel.Warning, "Connection {ConnectionId}: connecting to {Endpoint} failed.", EventName = "ConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, int connectionId, Uri endpoint, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Connection {ConnectionId} was lost.", EventName = "ConnectionLost")]
        public static partial void ConnectionLost(ILogger logger, int connectionId, Exception exception);

        [LoggerMessage(5, LogLevel.Information, "Connection {ConnectionId}: the server closed the connection with status {CloseStatus} '{Description}'.", EventName = "ServerClosed")]
        public static partial void ServerClosed(ILogger logger, int connectionId, string closeStatus, string description);

        [LoggerMessage(10, LogLevel.Warning, "Connection {ConnectionId}: the server sent error {ServerCode} ({ServerMessage}) while no subscribe was waiting for an answer.", EventName = "UnattributedServerError")]
        public static partial void UnattributedServerError(ILogger logger, int connectionId, int serverCode, string serverMessage);

        [LoggerMessage(11, LogLevel.Warning, "Connection {ConnectionId}: skipped a {Length}-byte frame that is not a valid Backpack frame.", EventName = "FrameRejected")]
        public static partial void FrameRejected(ILogger logger, int connectionId, int length, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "Connection {ConnectionId}: skipped a {StreamName} frame (event '{EventType}') whose payload could not be read ({FailureCount} so far; logged at 1, 10, 100, ...): {FrameStart}", EventName = "PayloadRejected")]
        public static partial void PayloadRejected(ILogger logger, int connectionId, string streamName, string eventType, long failureCount, string frameStart, Exception exception);

        [LoggerMessage(15, LogLevel.Error, "Connection {ConnectionId}: a message exceeded the maximum size of {MaxMessageSize} bytes; the connection was closed with 1009.", EventName = "MessageTooLarge")]
        public static partial void MessageTooLarge(ILogger logger, int connectionId, int maxMessageSize);

        [LoggerMessage(16, LogLevel.Warning, "Connection {ConnectionId}: sending a request failed.", EventName = "SendFailed")]
        public static partial void SendFailed(ILogger logger, int connectionId, Exception exception);

        [LoggerMessage(30, LogLevel.Warning, "Connection {ConnectionId} was lost; reconnecting in {Delay}.", EventName = "Reconnecting")]
        public static partial void Reconnecting(ILogger logger, int connectionId, TimeSpan delay, Exception exception);

        [LoggerMessage(31, LogLevel.Warning, "Connection {ConnectionId}: reconnect attempt {Attempt} failed.", EventName = "ReconnectAttemptFailed")]
        public static partial void ReconnectAttemptFailed(ILogger logger, int connectionId, int attempt, Exception exception);

        [LoggerMessage(32, LogLevel.Information, "Connection {ConnectionId} reconnected after {Attempts} attempt(s) and {Downtime}; {StreamCount} stream(s) subscribed again.", EventName = "Reconnected")]
        public static partial void Reconnected(ILogger logger, int connectionId, int attempts, TimeSpan downtime, int streamCount);

        [LoggerMessage(33, LogLevel.Error, "Connection {ConnectionId}: the reconnect policy gave up; its subscriptions ended.", EventName = "ReconnectGaveUp")]
        public static partial void ReconnectGaveUp(ILogger logger, int connectionId, Exception exception);

        [LoggerMessage(34, LogLevel.Error, "Connection {ConnectionId}: the reconnect policy threw; the connection does not reconnect.", EventName = "ReconnectPolicyFailed")]
        public static partial void ReconnectPolicyFailed(ILogger logger, int connectionId, Exception exception);

        [LoggerMessage(37, LogLevel.Warning, "Connection {ConnectionId}: no data for {Timeout} although {StreamName} ticks; dropping the connection.", EventName = "DataSilence")]
        public static partial void DataSilence(ILogger logger, int connectionId, TimeSpan timeout, string streamName);

        [LoggerMessage(40, LogLevel.Warning, "Connection {ConnectionId}: first connect attempt {Attempt} failed; retrying in {Delay} as the reconnect policy says.", EventName = "FirstConnectRetrying")]
        public static partial void FirstConnectRetrying(ILogger logger, int connectionId, int attempt, TimeSpan delay, Exception exception);

        [LoggerMessage(41, LogLevel.Error, "Connection {ConnectionId}: {Reason}", EventName = "ProtocolViolation")]
        public static partial void ProtocolViolation(ILogger logger, int connectionId, string reason);

        [LoggerMessage(44, LogLevel.Warning, "Connection {ConnectionId}: the frame recorder threw; the frame was still processed.", EventName = "RecorderFailed")]
        public static partial void RecorderFailed(ILogger logger, int connectionId, Exception exception);

        [LoggerMessage(42, LogLevel.Debug, "Connection {ConnectionId}: dropped a frame of {StreamName}, which has no subscription here ({UnroutedCount} so far).", EventName = "UnroutedFrame")]
        public static partial void UnroutedFrame(ILogger logger, int connectionId, string streamName, long unroutedCount);
    }
}
