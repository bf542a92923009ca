using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Benchmarks.Memory;

/// <summary>Hands the client one <see cref="ReplayConnection"/>; a second connection attempt is a benchmark failure.</summary>
internal sealed class ReplayConnector : IWebSocketConnector
{
    private ReplayConnection? _connection;

    public ReplayConnector(ReplayConnection connection) => _connection = connection;

    public Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _connection, null) is { } connection
            ? Task.FromResult<IWebSocketConnection>(connection)
            : throw new InvalidOperationException("The client reconnected during the stalled-consumer run.");
}
