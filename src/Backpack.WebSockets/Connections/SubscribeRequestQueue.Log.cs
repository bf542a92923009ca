using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

internal sealed partial class SubscribeRequestQueue
{
    /// <summary>Log messages with stable ids (they keep the ids the client used for them).</summary>
    private static partial class Log
    {
        [LoggerMessage(6, LogLevel.Debug, "Subscribing to {StreamCount} stream(s) in one frame (signed: {IsPrivate}): {StreamNames}.", EventName = "Subscribing")]
        public static partial void Subscribing(ILogger logger, int streamCount, bool isPrivate, string streamNames);

        [LoggerMessage(7, LogLevel.Information, "Subscribed to {StreamName}.", EventName = "Subscribed")]
        public static partial void Subscribed(ILogger logger, string streamName);

        [LoggerMessage(8, LogLevel.Warning, "The server rejected the subscription to {StreamName} with code {ServerCode}: {ServerMessage}", EventName = "SubscriptionRejected")]
        public static partial void SubscriptionRejected(ILogger logger, string streamName, int serverCode, string serverMessage);

        [LoggerMessage(9, LogLevel.Debug, "Unsubscribing from {StreamCount} stream(s): {StreamNames}.", EventName = "Unsubscribing")]
        public static partial void Unsubscribing(ILogger logger, int streamCount, string streamNames);

        [LoggerMessage(29, LogLevel.Warning, "The server rejected the subscription to {StreamName} with code {ServerCode} ({ServerMessage}) after every consumer had left; no other stream is blamed.", EventName = "ReleasedSubscriptionRejected")]
        public static partial void ReleasedSubscriptionRejected(ILogger logger, string streamName, int serverCode, string serverMessage);

        [LoggerMessage(39, LogLevel.Information, "Error {ServerCode} arrived with {StreamCount} subscriptions in flight; sending them again in halves to find the one it belongs to.", EventName = "NarrowingRejection")]
        public static partial void NarrowingRejection(ILogger logger, int serverCode, int streamCount);
    }
}
