using Backpack.WebSockets.Testing;

namespace Backpack.Samples;

/// <summary>
/// The fake exchange and its market simulator, running in-process on the system clock for <c>--simulate</c>. Shared by the
/// samples (linked into each project).
/// </summary>
internal sealed class SimulatedExchangeHost : IAsyncDisposable
{
    private static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(50);

    private readonly BackpackTestServer _server;
    private readonly CancellationTokenSource _stop = new();
    private Task _simulation = Task.CompletedTask;

    private SimulatedExchangeHost(BackpackTestServer server) => _server = server;

    public Uri WebSocketUri => _server.WebSocketUri;

    public Uri RestUri => _server.RestUri;

    /// <summary>Starts the server and steps the market every 50 ms until disposed.</summary>
    /// <param name="accountPublicKey">When set, private subscriptions signed with this key are accepted and the simulator trades for that account.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SimulatedExchangeHost> StartAsync(string? accountPublicKey, CancellationToken cancellationToken)
    {
        var server = new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = accountPublicKey });
        var host = new SimulatedExchangeHost(server);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            // Why a time-based seed: each demo run shows a different market; the tests pin theirs.
            var simulator = new MarketSimulator(server, new MarketSimulatorOptions
            {
                Seed = Environment.TickCount,
                AccountPublicKey = accountPublicKey,
            });
            host._simulation = simulator.RunAsync(StepInterval, host._stop.Token);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _simulation.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Why: RunAsync always ends this way when stopped.
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
