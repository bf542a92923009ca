using System.Globalization;
using System.Text.Json;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets.Tests.DependencyInjection;

public class ServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddBackpackStreams_WithDelegate_ResolvesOneConfiguredSingleton()
    {
        var services = new ServiceCollection();
        services.AddBackpackStreams(o =>
        {
            o.Endpoint = new Uri("wss://stream.example.test");
            o.StreamCapacity = 77;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<BackpackStreamClient>();

        Assert.Same(client, provider.GetRequiredService<BackpackStreamClient>());
        Assert.Equal(new Uri("wss://stream.example.test"), client.Options.Endpoint);
        Assert.Equal(77, client.Options.StreamCapacity);
        Assert.NotNull(client.GivenHttpClient);
        Assert.NotNull(client.Metrics);
    }

    [Fact]
    public async Task AddBackpackStreams_RegistersOneRestClientOnTheNamedHttpClient()
    {
        var handler = new Rest.ScriptedHttpHandler().ThenJson("""{"USDC":{"available":"1","locked":"0","staked":"0"}}""");
        var services = new ServiceCollection();
        services.AddBackpackStreams(o =>
        {
            o.RestEndpoint = new Uri("https://rest.example.test");
            o.ApiSecret = TestKeys.SecretSeed;
        });
        services.AddHttpClient(BackpackStreamsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var rest = provider.GetRequiredService<Backpack.WebSockets.Rest.BackpackRestClient>();
        var balances = await rest.GetBalancesAsync();

        Assert.Same(rest, provider.GetRequiredService<Backpack.WebSockets.Rest.BackpackRestClient>());
        Assert.Equal(TestKeys.PublicKey, rest.ApiKey);
        Assert.Equal(1m, balances["USDC"].Available);
        Assert.Equal("https://rest.example.test/api/v1/capital", handler.Requests.Single().RequestUri!.ToString());
    }

    [Fact]
    public async Task AddBackpackStreams_UsesTheContainersConnectorClockAndLoggers()
    {
        var connector = new FakeWebSocketConnector();
        var time = new ObservableTimeProvider();
        time.Advance(TimeSpan.FromMinutes(3));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IWebSocketConnector>(connector);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddBackpackStreams(o =>
        {
            o.Endpoint = new Uri("wss://di.test");
            o.ApiKey = TestKeys.PublicKey;
            o.ApiSecret = TestKeys.SecretSeed;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<BackpackStreamClient>();

        var pending = client.SubscribeAsync(BackpackStreams.BalanceUpdates());
        var request = JsonDocument.Parse(await connector.Current.ReadSentAsync().OrTimeout()).RootElement;
        connector.Current.PushText(TestStreams.Frame("account.balanceUpdate", "{}"));
        var subscription = await pending.OrTimeout();
        await client.DisposeAsync();

        Assert.Equal(new Uri("wss://di.test"), connector.LastEndpoint);
        var timestamp = request.GetProperty("signature")[2].GetString();
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.Contains(logs.Entries, e => e.Contains("connected to wss://di.test", StringComparison.Ordinal));
        Assert.Equal("account.balanceUpdate", subscription.StreamName);
    }

    [Fact]
    public async Task AddBackpackStreams_WithoutTimeProvider_UsesTheSystemClock()
    {
        var connector = new FakeWebSocketConnector();
        var services = new ServiceCollection();
        services.AddSingleton<IWebSocketConnector>(connector);
        services.AddBackpackStreams(o =>
        {
            o.ApiKey = TestKeys.PublicKey;
            o.ApiSecret = TestKeys.SecretSeed;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<BackpackStreamClient>();

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pending = client.SubscribeAsync(BackpackStreams.BalanceUpdates());
        var request = JsonDocument.Parse(await connector.Current.ReadSentAsync().OrTimeout()).RootElement;
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        connector.Current.PushText(TestStreams.Frame("account.balanceUpdate", "{}"));
        await pending.OrTimeout();
        await client.DisposeAsync();

        var timestamp = long.Parse(request.GetProperty("signature")[2].GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before, after);
    }

    [Fact]
    public async Task AddBackpackStreams_WithConfiguration_BindsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backpack:Endpoint"] = "ws://gateway.internal:9000/",
            ["Backpack:RestEndpoint"] = "http://gateway.internal:9001/",
            ["Backpack:AllowInsecureTransport"] = "true",
            ["Backpack:ApiKey"] = TestKeys.PublicKey,
            ["Backpack:ApiSecret"] = TestKeys.SecretSeed,
            ["Backpack:SignatureWindow"] = "00:00:09",
            ["Backpack:StreamCapacity"] = "11",
            ["Backpack:PrivateStreamCapacity"] = "22",
            ["Backpack:MaxMessageSize"] = "65536",
            ["Backpack:SubscribeErrorWindow"] = "00:00:00.250",
            ["Backpack:ConnectTimeout"] = "00:00:03",
            ["Backpack:CloseTimeout"] = "00:00:04",
            ["Backpack:KeepAliveInterval"] = "00:00:05",
            ["Backpack:KeepAliveTimeout"] = "00:00:06",
            ["Backpack:EnableCompression"] = "false",
            ["Backpack:AllowSynchronousContinuations"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddBackpackStreams(configuration.GetSection("Backpack"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<BackpackStreamClient>().Options;

        Assert.Equal(new Uri("ws://gateway.internal:9000/"), options.Endpoint);
        Assert.Equal(new Uri("http://gateway.internal:9001/"), options.RestEndpoint);
        Assert.True(options.AllowInsecureTransport);
        Assert.Equal(TestKeys.PublicKey, options.ApiKey);
        Assert.Equal(TestKeys.SecretSeed, options.ApiSecret);
        Assert.Equal(TimeSpan.FromSeconds(9), options.SignatureWindow);
        Assert.Equal(11, options.StreamCapacity);
        Assert.Equal(22, options.PrivateStreamCapacity);
        Assert.Equal(65536, options.MaxMessageSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.SubscribeErrorWindow);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), options.CloseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), options.KeepAliveTimeout);
        Assert.False(options.EnableCompression);
        Assert.True(options.AllowSynchronousContinuations);
    }

    [Fact]
    public async Task AddBackpackStreams_EmptySection_KeepsTheDefaults()
    {
        var services = new ServiceCollection();
        services.AddBackpackStreams(new ConfigurationBuilder().Build().GetSection("Backpack"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<BackpackStreamClient>().Options;

        Assert.Equal(BackpackStreamClientOptions.DefaultEndpoint, options.Endpoint);
        Assert.Equal(BackpackStreamClientOptions.DefaultStreamCapacity, options.StreamCapacity);
        Assert.True(options.EnableCompression);
        Assert.False(options.HasCredentials);
    }

    [Fact]
    public async Task HostStart_InsecureRemoteEndpoint_FailsWithAClearMessage()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Backpack:Endpoint"] = "ws://ws.backpack.exchange",
            ["Backpack:ApiSecret"] = TestKeys.SecretSeed,
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Endpoint", ex.Message);
        Assert.Contains("AllowInsecureTransport", ex.Message);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.Message);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString());
    }

    [Fact]
    public async Task HostStart_ApiKeyWithoutSecret_FailsNamingTheMissingSecret()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Backpack:ApiKey"] = TestKeys.PublicKey });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiSecret", ex.Message);
        Assert.Equal(typeof(BackpackStreamClientOptions), ex.OptionsType);
    }

    [Fact]
    public async Task HostStart_OutOfRangeValue_FailsNamingTheOptionAndNotTheSecret()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Backpack:StreamCapacity"] = "0",
            ["Backpack:ApiKey"] = TestKeys.PublicKey,
            ["Backpack:ApiSecret"] = TestKeys.SecretSeed,
        });

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());

        Assert.Equal("StreamCapacity", ex.ParamName);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString());
    }

    [Fact]
    public async Task HostStart_UnparsableValue_FailsNamingTheConfigurationPath()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Backpack:ConnectTimeout"] = "soon",
            ["Backpack:ApiSecret"] = TestKeys.SecretSeed,
        });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Backpack:ConnectTimeout", ex.Message);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString());
    }

    [Theory]
    [InlineData("not base64!", "ApiSecret")]
    [InlineData("AAAA", "ApiSecret")]
    public async Task HostStart_MalformedSecret_FailsWithoutShowingIt(string secret, string expectedName)
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Backpack:ApiSecret"] = secret });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expectedName, ex.Message);
        Assert.DoesNotContain(secret, ex.Message);
    }

    [Fact]
    public async Task HostStart_ApiKeyNotMatchingTheSecret_FailsWithoutShowingTheSecret()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Backpack:ApiKey"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            ["Backpack:ApiSecret"] = TestKeys.SecretSeed,
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiKey is not the public key of ApiSecret", ex.Message);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString());
    }

    [Fact]
    public async Task HostStart_ValidOptions_StartsAndResolvesTheClient()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["Backpack:Endpoint"] = "ws://127.0.0.1:1/" });

        await host.StartAsync();
        var client = host.Services.GetRequiredService<BackpackStreamClient>();
        await host.StopAsync();

        Assert.Equal(new Uri("ws://127.0.0.1:1/"), client.Options.Endpoint);
    }

    [Fact]
    public void Resolve_WithoutHost_ApiKeyNotMatchingTheSecret_ThrowsWithoutTheSecret()
    {
        var services = new ServiceCollection();
        services.AddBackpackStreams(o =>
        {
            o.ApiKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
            o.ApiSecret = TestKeys.SecretSeed;
        });
        using var provider = services.BuildServiceProvider();

        // Without a host, the validator runs when the client reads its options.
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<BackpackStreamClient>());

        Assert.Contains("ApiKey is not the public key", ex.Message);
        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString());
    }

    [Fact]
    public void Validator_ReusesOptionsValidate()
    {
        var services = new ServiceCollection();
        services.AddBackpackStreams(_ => { });
        using var provider = services.BuildServiceProvider();
        var validator = Assert.Single(provider.GetServices<IValidateOptions<BackpackStreamClientOptions>>());

        var bad = validator.Validate(Options.DefaultName, new BackpackStreamClientOptions { ApiKey = TestKeys.PublicKey });
        var good = validator.Validate(Options.DefaultName, new BackpackStreamClientOptions());
        var withCredentials = validator.Validate(Options.DefaultName, new BackpackStreamClientOptions { ApiKey = TestKeys.PublicKey, ApiSecret = TestKeys.SecretSeed });

        Assert.True(bad.Failed);
        Assert.Contains("ApiSecret", bad.FailureMessage);
        Assert.True(good.Succeeded);
        Assert.True(withCredentials.Succeeded);
    }

    [Fact]
    public async Task AddBackpackStreams_Twice_RegistersOneClientAndOneValidator()
    {
        var services = new ServiceCollection();
        services.AddBackpackStreams(o => o.StreamCapacity = 5);
        services.AddBackpackStreams(o => o.PrivateStreamCapacity = 6);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<BackpackStreamClient>().Options;

        Assert.Single(services, d => d.ServiceType == typeof(BackpackStreamClient));
        Assert.Single(provider.GetServices<IValidateOptions<BackpackStreamClientOptions>>());
        Assert.Equal(5, options.StreamCapacity);
        Assert.Equal(6, options.PrivateStreamCapacity);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBackpackStreams(builder.Configuration.GetSection("Backpack"));
        return builder.Build();
    }
}
