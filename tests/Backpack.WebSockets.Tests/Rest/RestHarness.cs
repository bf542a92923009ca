using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>A REST client on a scripted handler and a fake clock, with the test key pair.</summary>
public sealed class RestHarness : IDisposable
{
    /// <summary>The timestamp of spec §9.5.1's live example, 1788285268682 ms.</summary>
    public static readonly DateTimeOffset LiveExampleTime = DateTimeOffset.FromUnixTimeMilliseconds(1788285268682);

    public RestHarness(Action<BackpackRestClientOptions>? configure = null, ILoggerFactory? loggerFactory = null, bool credentials = true)
    {
        var options = new BackpackRestClientOptions
        {
            RestEndpoint = new Uri("https://api.test.invalid"),
            ApiSecret = credentials ? TestKeys.SecretSeed : null,
            RetryDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        Client = new BackpackRestClient(options, new HttpClient(Handler), Time, loggerFactory)
        {
            // The fake clock cannot go back to 2026-09-01; the offset puts signed timestamps there.
            ClockOffset = LiveExampleTime - Time.GetUtcNow(),
        };
    }

    public ScriptedHttpHandler Handler { get; } = new();

    public ObservableTimeProvider Time { get; } = new();

    public BackpackRestClient Client { get; }

    public HttpRequestMessage LastRequest => Handler.Requests[^1];

    public void Dispose() => Client.Dispose();

    /// <summary>The value of one request header.</summary>
    public static string Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"No {name} header.");
}
