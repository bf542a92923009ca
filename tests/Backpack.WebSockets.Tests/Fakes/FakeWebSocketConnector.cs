using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Hands out <see cref="FakeWebSocketConnection"/>s and records every connection attempt.</summary>
public sealed class FakeWebSocketConnector : IWebSocketConnector
{
    private readonly Queue<Exception> _failures = new();
    private readonly List<FakeWebSocketConnection> _connections = [];

    public int AttemptCount { get; private set; }

    public IReadOnlyList<FakeWebSocketConnection> Connections => _connections;

    /// <summary>The connection handed out last.</summary>
    public FakeWebSocketConnection Current => _connections[^1];

    public Uri? LastEndpoint { get; private set; }

    /// <summary>Makes the next attempt fail with <paramref name="exception"/>.</summary>
    public void FailNext(Exception exception) => _failures.Enqueue(exception);

    public Task<IWebSocketConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        AttemptCount++;
        LastEndpoint = endpoint;
        cancellationToken.ThrowIfCancellationRequested();
        if (_failures.TryDequeue(out var failure))
        {
            return Task.FromException<IWebSocketConnection>(failure);
        }

        var connection = new FakeWebSocketConnection();
        _connections.Add(connection);
        return Task.FromResult<IWebSocketConnection>(connection);
    }
}
