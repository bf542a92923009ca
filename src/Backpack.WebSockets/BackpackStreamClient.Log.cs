using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Log messages of the client's own concerns (consumers, events, the clock); the connections log their own, under the
    /// same category. Event ids are stable: never renumber or reuse one. Nothing here may take an API secret, a signature
    /// or a raw request frame.
    /// </summary>
    private static partial class Log
    {
        [LoggerMessage(13, LogLevel.Warning, "A consumer of {StreamName} is not keeping up: {DroppedCount} items dropped so far.", EventName = "ItemsDropped")]
        public static partial void ItemsDropped(ILogger logger, string streamName, long droppedCount);

        [LoggerMessage(14, LogLevel.Error, "A consumer of private stream {StreamName} fell {Capacity} items behind; its subscription ended rather than drop items.", EventName = "SlowConsumer")]
        public static partial void SlowConsumer(ILogger logger, string streamName, int capacity);

        [LoggerMessage(17, LogLevel.Debug, "Disposing the client.", EventName = "Disposing")]
        public static partial void Disposing(ILogger logger);

        [LoggerMessage(18, LogLevel.Error, "A handler of the {EventName} event threw.", EventName = "EventHandlerFailed")]
        public static partial void EventHandlerFailed(ILogger logger, string eventName, Exception exception);

        [LoggerMessage(45, LogLevel.Warning, "The frame recorder threw on a depth snapshot; the book still uses it.", EventName = "SnapshotRecorderFailed")]
        public static partial void RecorderFailed(ILogger logger, Exception exception);

        [LoggerMessage(35, LogLevel.Information, "The exchange's clock is {OffsetMilliseconds} ms ahead of the local clock; signatures are adjusted.", EventName = "ClockSynchronized")]
        public static partial void ClockSynchronized(ILogger logger, long offsetMilliseconds);

        [LoggerMessage(36, LogLevel.Warning, "Reading the exchange's time from {Uri} failed; signatures keep the last offset.", EventName = "ClockSynchronizationFailed")]
        public static partial void ClockSynchronizationFailed(ILogger logger, Uri uri, Exception exception);
    }
}
