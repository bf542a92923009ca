using Backpack.WebSockets.Testing;

namespace Backpack.Samples;

/// <summary>
/// The fake exchange running in-process with something feeding it in the background (the market simulator, or a
/// recording's replay) until disposed. Shared by the samples (linked into each project).
/// </summary>
internal sealed class InProcessExchange : IAsyncDisposable
{
    private readonly BackpackTestServer _server;
    private readonly CancellationTokenSource _stop = new();
    private Task _feed = Task.CompletedTask;

    private InProcessExchange(BackpackTestServer server) => _server = server;

    public Uri WebSocketUri => _server.WebSocketUri;

    public Uri RestUri => _server.RestUri;

    /// <summary>Starts a server with <paramref name="options"/>, then <paramref name="feed"/> in the background until disposed.</summary>
    /// <param name="options">The server's options.</param>
    /// <param name="feed">Feeds the server; its token is cancelled at dispose, and the cancellation it ends with is expected.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<InProcessExchange> StartAsync(BackpackTestServerOptions options, Func<BackpackTestServer, CancellationToken, Task> feed, CancellationToken cancellationToken)
    {
        var exchange = new InProcessExchange(new BackpackTestServer(options));
        try
        {
            await exchange._server.StartAsync(cancellationToken).ConfigureAwait(false);
            exchange._feed = feed(exchange._server, exchange._stop.Token);
            return exchange;
        }
        catch
        {
            await exchange.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _feed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Why: a feed always ends this way when stopped.
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
