using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="BackpackStreamsHealthCheck"/> with an <see cref="IHealthChecksBuilder"/>.</summary>
public static class BackpackStreamsHealthChecksBuilderExtensions
{
    /// <summary>The default name of the check, <c>backpack-streams</c>.</summary>
    public const string DefaultName = "backpack-streams";

    /// <summary>
    /// Adds a check of the container's <see cref="BackpackStreamClient"/> (register it with <c>AddBackpackStreams</c>) and of
    /// every <see cref="BackpackOrderBook"/> registered in the container.
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="configure">Sets the thresholds; <see langword="null"/> for the defaults.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">
    /// The status reported where the check would report Unhealthy; <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.
    /// </param>
    /// <param name="tags">Tags to filter checks by, for example in <c>MapHealthChecks</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <remarks>
    /// The check measures durations on the container's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> when none
    /// is registered), the clock the client uses too. To watch a book, register it, for example
    /// <c>services.AddSingleton(sp =&gt; new BackpackOrderBook(sp.GetRequiredService&lt;BackpackStreamClient&gt;(), "SOL_USDC"))</c>,
    /// and start it from a hosted service; a registered book that is never started stays Syncing and turns the check Degraded,
    /// then Unhealthy.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The configured thresholds are invalid.</exception>
    public static IHealthChecksBuilder AddBackpackStreams(
        this IHealthChecksBuilder builder,
        Action<BackpackStreamsHealthCheckOptions>? configure = null,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        var options = new BackpackStreamsHealthCheckOptions();
        configure?.Invoke(options);

        // Validated here, so a bad threshold fails at startup rather than on the first probe.
        options.Validate();
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new BackpackStreamsHealthCheck(
                provider.GetRequiredService<BackpackStreamClient>(),
                provider.GetServices<BackpackOrderBook>(),
                provider.GetServices<Backpack.WebSockets.Account.BackpackAccountTracker>(),
                options,
                provider.GetService<TimeProvider>()),
            failureStatus,
            tags));
    }
}
