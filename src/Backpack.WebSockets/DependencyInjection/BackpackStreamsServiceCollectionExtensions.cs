using System.Diagnostics.Metrics;
using Backpack.WebSockets;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="BackpackStreamClient"/> and <see cref="BackpackRestClient"/> in an <see cref="IServiceCollection"/>.</summary>
public static class BackpackStreamsServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> the client gets from <see cref="IHttpClientFactory"/>; configure it with
    /// <c>services.AddHttpClient(BackpackStreamsServiceCollectionExtensions.HttpClientName, ...)</c>.
    /// </summary>
    public const string HttpClientName = "Backpack.WebSockets";

    /// <summary>
    /// Registers <see cref="BackpackStreamClient"/> and <see cref="BackpackRestClient"/> as singletons, configured by
    /// <paramref name="configure"/> and validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>See <see cref="AddBackpackStreams(IServiceCollection, IConfiguration)"/> for what the client takes from the container.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddBackpackStreams(this IServiceCollection services, Action<BackpackStreamClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BackpackStreamClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="BackpackStreamClient"/> as a singleton, bound to a configuration section (keys are the option
    /// names: <c>Endpoint</c>, <c>ApiKey</c>, <c>StreamCapacity</c>, <c>SubscribeErrorWindow</c>, …) and validated when
    /// the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind, for example <c>configuration.GetSection("Backpack")</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// The client takes from the container: <see cref="ILoggerFactory"/> (if any), <see cref="TimeProvider"/>
    /// (<see cref="TimeProvider.System"/> if none is registered), <see cref="IMeterFactory"/> (if any), an
    /// <see cref="IWebSocketConnector"/> (if any; otherwise the default connector) and the <see cref="HttpClient"/> named
    /// <see cref="HttpClientName"/> from <see cref="IHttpClientFactory"/>. <see cref="BackpackRestClient"/> takes the same
    /// options (REST endpoint, key, secret, signature window), clock, loggers and named client. Binding is generated at compile time, so it is
    /// safe to trim and to compile ahead of time. Keep the API secret out of files: bind it from an environment variable or
    /// a secret store.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddBackpackStreams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        // ReconnectPolicy is an abstract type, set in code only: the generated binder skips it (SYSLIB1100/1101, see the csproj).
        services.AddOptions<BackpackStreamClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<BackpackStreamClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackpackStreamClientOptions>, BackpackStreamClientOptionsValidator>());
        services.AddHttpClient(HttpClientName);
        services.TryAddSingleton(static provider => new BackpackStreamClient(
            provider.GetRequiredService<IOptions<BackpackStreamClientOptions>>(),
            provider.GetService<IWebSocketConnector>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetService<IMeterFactory>()));

        // The REST reads share the options' endpoint and credentials and the same named HttpClient.
        services.TryAddSingleton(static provider => new BackpackRestClient(
            provider.GetRequiredService<IOptions<BackpackStreamClientOptions>>().Value,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
