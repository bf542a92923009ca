using Backpack.WebSockets.Testing;

namespace Backpack.Samples;

/// <summary>
/// The fake exchange and its market simulator, running in-process on the system clock for <c>--simulate</c>. Shared by the
/// samples (linked into each project).
/// </summary>
internal static class SimulatedExchangeHost
{
    private static readonly TimeSpan StepInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Starts the server and steps the market every 50 ms until disposed.</summary>
    /// <param name="accountPublicKey">When set, private subscriptions signed with this key are accepted and the simulator trades for that account.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<InProcessExchange> StartAsync(string? accountPublicKey, CancellationToken cancellationToken) =>
        InProcessExchange.StartAsync(
            new BackpackTestServerOptions { ApiPublicKey = accountPublicKey },
            (server, stop) =>
            {
                // Why a time-based seed: each demo run shows a different market; the tests pin theirs.
                var simulator = new MarketSimulator(server, new MarketSimulatorOptions
                {
                    Seed = Environment.TickCount,
                    AccountPublicKey = accountPublicKey,
                });
                return simulator.RunAsync(StepInterval, stop);
            },
            cancellationToken);
}
