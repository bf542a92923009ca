using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Log messages of the client. Event ids are stable: never renumber or reuse one. Nothing here may take an API secret,
    /// a signature or a raw request frame.
    /// </summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connecting to {Endpoint}.", EventName = "Connecting")]
        public static partial void Connecting(ILogger logger, Uri endpoint);

        [LoggerMessage(2, LogLevel.Information, "Connected to {Endpoint}.", EventName = "Connected")]
        public static partial void Connected(ILogger logger, Uri endpoint);

        [LoggerMessage(3, LogLevel.Warning, "Connecting to {Endpoint} failed.", EventName = "ConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, Uri endpoint, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "The connection was lost.", EventName = "ConnectionLost")]
        public static partial void ConnectionLost(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Information, "The server closed the connection with status {CloseStatus} '{Description}'.", EventName = "ServerClosed")]
        public static partial void ServerClosed(ILogger logger, string closeStatus, string description);

        [LoggerMessage(6, LogLevel.Debug, "Subscribing to {StreamName} (private: {IsPrivate}).", EventName = "Subscribing")]
        public static partial void Subscribing(ILogger logger, string streamName, bool isPrivate);

        [LoggerMessage(7, LogLevel.Information, "Subscribed to {StreamName}.", EventName = "Subscribed")]
        public static partial void Subscribed(ILogger logger, string streamName);

        [LoggerMessage(8, LogLevel.Warning, "The server rejected the subscription to {StreamName} with code {ServerCode}: {ServerMessage}", EventName = "SubscriptionRejected")]
        public static partial void SubscriptionRejected(ILogger logger, string streamName, int serverCode, string serverMessage);

        [LoggerMessage(9, LogLevel.Debug, "Unsubscribing from {StreamName}.", EventName = "Unsubscribing")]
        public static partial void Unsubscribing(ILogger logger, string streamName);

        [LoggerMessage(10, LogLevel.Warning, "The server sent error {ServerCode} ({ServerMessage}) while no subscribe was waiting for an answer.", EventName = "UnattributedServerError")]
        public static partial void UnattributedServerError(ILogger logger, int serverCode, string serverMessage);

        [LoggerMessage(11, LogLevel.Warning, "Skipped a {Length}-byte frame that is not a valid Backpack frame.", EventName = "FrameRejected")]
        public static partial void FrameRejected(ILogger logger, int length, Exception exception);

        [LoggerMessage(12, LogLevel.Warning, "Skipped a {StreamName} frame whose payload could not be read.", EventName = "PayloadRejected")]
        public static partial void PayloadRejected(ILogger logger, string streamName, Exception exception);

        [LoggerMessage(13, LogLevel.Warning, "A consumer of {StreamName} is not keeping up: {DroppedCount} items dropped so far.", EventName = "ItemsDropped")]
        public static partial void ItemsDropped(ILogger logger, string streamName, long droppedCount);

        [LoggerMessage(14, LogLevel.Error, "A consumer of private stream {StreamName} fell {Capacity} items behind; its subscription ended rather than drop items.", EventName = "SlowConsumer")]
        public static partial void SlowConsumer(ILogger logger, string streamName, int capacity);

        [LoggerMessage(15, LogLevel.Error, "A message exceeded the maximum size of {MaxMessageSize} bytes; the connection was closed.", EventName = "MessageTooLarge")]
        public static partial void MessageTooLarge(ILogger logger, int maxMessageSize);

        [LoggerMessage(16, LogLevel.Warning, "Sending the request for {StreamName} failed.", EventName = "SendFailed")]
        public static partial void SendFailed(ILogger logger, string streamName, Exception exception);

        [LoggerMessage(17, LogLevel.Debug, "Disposing the client.", EventName = "Disposing")]
        public static partial void Disposing(ILogger logger);

        [LoggerMessage(18, LogLevel.Error, "A handler of the {EventName} event threw.", EventName = "EventHandlerFailed")]
        public static partial void EventHandlerFailed(ILogger logger, string eventName, Exception exception);

        [LoggerMessage(29, LogLevel.Warning, "The server rejected the subscription to {StreamName} with code {ServerCode} ({ServerMessage}) after every consumer had left; no other stream is blamed.", EventName = "ReleasedSubscriptionRejected")]
        public static partial void ReleasedSubscriptionRejected(ILogger logger, string streamName, int serverCode, string serverMessage);

        // Ids 30-39: reconnects, clock and watchdog (19-29 left to other features being added in parallel).
        [LoggerMessage(30, LogLevel.Warning, "The connection was lost; reconnecting in {Delay}.", EventName = "Reconnecting")]
        public static partial void Reconnecting(ILogger logger, TimeSpan delay, Exception exception);

        [LoggerMessage(31, LogLevel.Warning, "Reconnect attempt {Attempt} failed.", EventName = "ReconnectAttemptFailed")]
        public static partial void ReconnectAttemptFailed(ILogger logger, int attempt, Exception exception);

        [LoggerMessage(32, LogLevel.Information, "Reconnected after {Attempts} attempt(s) and {Downtime}; {StreamCount} stream(s) subscribed again.", EventName = "Reconnected")]
        public static partial void Reconnected(ILogger logger, int attempts, TimeSpan downtime, int streamCount);

        [LoggerMessage(33, LogLevel.Error, "The reconnect policy gave up; every subscription ended.", EventName = "ReconnectGaveUp")]
        public static partial void ReconnectGaveUp(ILogger logger, Exception exception);

        [LoggerMessage(34, LogLevel.Error, "The reconnect policy threw; the client does not reconnect.", EventName = "ReconnectPolicyFailed")]
        public static partial void ReconnectPolicyFailed(ILogger logger, Exception exception);

        [LoggerMessage(35, LogLevel.Information, "The exchange's clock is {OffsetMilliseconds} ms ahead of the local clock; signatures are adjusted.", EventName = "ClockSynchronized")]
        public static partial void ClockSynchronized(ILogger logger, long offsetMilliseconds);

        [LoggerMessage(36, LogLevel.Warning, "Reading the exchange's time from {Uri} failed; signatures keep the last offset.", EventName = "ClockSynchronizationFailed")]
        public static partial void ClockSynchronizationFailed(ILogger logger, Uri uri, Exception exception);

        [LoggerMessage(37, LogLevel.Warning, "No data for {Timeout} although {StreamName} ticks; dropping the connection.", EventName = "DataSilence")]
        public static partial void DataSilence(ILogger logger, TimeSpan timeout, string streamName);

        [LoggerMessage(38, LogLevel.Information, "Opened connection {ConnectionCount}: each carries at most {MaxStreams} streams.", EventName = "OverflowConnection")]
        public static partial void OverflowConnection(ILogger logger, int connectionCount, int maxStreams);
    }
}
