using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

internal sealed partial class ConnectionPool
{
    private static partial class Log
    {
        [LoggerMessage(38, LogLevel.Information, "Opened connection {ConnectionId} (private: {IsPrivate}), now {ConnectionCount} connections; each carries at most {MaxStreams} streams.", EventName = "OverflowConnection")]
        public static partial void ConnectionAdded(ILogger logger, int connectionId, bool isPrivate, int connectionCount, int maxStreams);

        [LoggerMessage(43, LogLevel.Information, "Closed connection {ConnectionId}: it carried no stream for {Delay}.", EventName = "IdleConnectionClosed")]
        public static partial void IdleConnectionClosed(ILogger logger, int connectionId, TimeSpan delay);
    }
}
