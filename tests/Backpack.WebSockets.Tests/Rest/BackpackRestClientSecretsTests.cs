using System.Net;
using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>No key, signature or header value in logs (captured at Trace), exception messages or ToString.</summary>
public sealed class BackpackRestClientSecretsTests
{
    [Fact]
    public async Task SignedReads_FailingAndRetried_LogNoSecretSignatureOrHeaderValue()
    {
        var logs = new CapturingLoggerProvider();
        using var harness = new RestHarness(loggerFactory: logs);
        harness.Handler
            .ThenJson("""{"code":"TOO_MANY_REQUESTS","message":"Too many requests"}""", (HttpStatusCode)429)
            .ThenJson("[]")
            .ThenJson("""{"code":"INVALID_CLIENT_REQUEST","message":"Invalid signature"}""", HttpStatusCode.Unauthorized);

        await harness.Client.GetOpenOrdersAsync("SOL_USDC");
        var ex = await Assert.ThrowsAsync<BackpackStreamException>(() => harness.Client.GetBalancesAsync());

        var secretsAndHeaders = harness.Handler.Requests
            .SelectMany(r => new[] { RestHarness.Header(r, "X-Signature"), RestHarness.Header(r, "X-API-Key"), RestHarness.Header(r, "X-Timestamp") })
            .Append(TestKeys.SecretSeed)
            .ToList();
        Assert.NotEmpty(logs.Entries);
        Assert.Contains(logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("HTTP 429", StringComparison.Ordinal));
        foreach (var text in logs.Entries.Append(ex.ToString()).Append(harness.Client.ToString()!))
        {
            foreach (var secret in secretsAndHeaders)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Options_ToString_RedactsSecret()
    {
        var options = new BackpackRestClientOptions { ApiSecret = TestKeys.SecretSeed, ApiKey = TestKeys.PublicKey };

        Assert.DoesNotContain(TestKeys.SecretSeed, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ApiKeyNotMatchingSecret_ThrowsWithoutNamingTheSecret()
    {
        var options = new BackpackRestClientOptions { ApiSecret = TestKeys.SecretSeed, ApiKey = Convert.ToBase64String(new byte[32]) };

        var ex = Assert.Throws<ArgumentException>(() => new BackpackRestClient(options));

        Assert.DoesNotContain(TestKeys.SecretSeed, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_StreamClientOptions_CopiesEndpointCredentialsAndWindow()
    {
        var streamOptions = new BackpackStreamClientOptions
        {
            RestEndpoint = new Uri("http://127.0.0.1:5000/"),
            ApiSecret = TestKeys.SecretSeed,
            SignatureWindow = TimeSpan.FromSeconds(30),
        };

        var copied = BackpackRestClientOptions.From(streamOptions);
        using var client = new BackpackRestClient(streamOptions);

        Assert.Equal(streamOptions.RestEndpoint, copied.RestEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(30), copied.SignatureWindow);
        Assert.True(client.HasCredentials);
        Assert.Equal(TestKeys.PublicKey, client.ApiKey);
    }
}
