using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Rest;

public partial class BackpackRestClient
{
    /// <summary>Log messages; they name paths, statuses and error codes, never keys, signatures or header values.</summary>
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Sending GET {Path} (attempt {Attempt}, signed: {Signed}).", EventName = "RequestSending")]
        public static partial void RequestSending(ILogger logger, string path, int attempt, bool signed);

        [LoggerMessage(2, LogLevel.Debug, "GET {Path} answered HTTP {StatusCode}.", EventName = "RequestCompleted")]
        public static partial void RequestCompleted(ILogger logger, string path, int statusCode);

        [LoggerMessage(3, LogLevel.Warning, "GET {Path} failed ({Reason}); retry {Retry} of {MaxRetries} in {Delay}.", EventName = "RequestRetrying")]
        public static partial void RequestRetrying(ILogger logger, string path, string reason, int retry, int maxRetries, TimeSpan delay);

        [LoggerMessage(4, LogLevel.Warning, "GET {Path} failed ({Reason}); not retried.", EventName = "RequestFailed")]
        public static partial void RequestFailed(ILogger logger, string path, string reason);

        [LoggerMessage(5, LogLevel.Debug, "History page of GET {Path} at offset {Offset}: {Rows} rows, {New} new.", EventName = "HistoryPage")]
        public static partial void HistoryPage(ILogger logger, string path, long offset, int rows, int @new);

        [LoggerMessage(6, LogLevel.Information, "Clock offset to the server set to {Offset}.", EventName = "ClockSynchronized")]
        public static partial void ClockSynchronized(ILogger logger, TimeSpan offset);

        [LoggerMessage(7, LogLevel.Debug, "GET {Path} answered HTTP 404.", EventName = "RequestNotFound")]
        public static partial void RequestNotFound(ILogger logger, string path);
    }
}
