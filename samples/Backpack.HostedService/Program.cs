using Backpack.HostedService;
using Backpack.Samples;
using Backpack.WebSockets;
using Backpack.WebSockets.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Exit codes: 0 done (duration elapsed or Ctrl+C), 1 runtime failure, 2 bad arguments or configuration.
var commandLine = new HostedServiceCommandLine();
return await SampleCommandLine.RunAsync(commandLine.Command, args, parsed => RunAsync(
    parsed.GetValue(commandLine.Simulate),
    parsed.GetRequiredValue(commandLine.Symbol),
    parsed.GetValue(commandLine.Duration),
    [.. parsed.UnmatchedTokens]));

static async Task<int> RunAsync(bool simulate, string symbol, TimeSpan? duration, string[] hostArgs)
{
    var builder = Host.CreateApplicationBuilder(hostArgs);
    InProcessExchange? exchange = null;
    try
    {
        if (simulate)
        {
            exchange = await SimulatedExchangeHost.StartAsync(AccountPublicKey(builder.Configuration), CancellationToken.None);

            // Why in-memory configuration: the options are bound from the "Backpack" section like in production; only the
            // endpoints change.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Backpack:Endpoint"] = exchange.WebSocketUri.ToString(),
                ["Backpack:RestEndpoint"] = exchange.RestUri.ToString(),
            });
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBackpackStreams(builder.Configuration.GetSection("Backpack"));
        builder.Services.AddSingleton(new StreamSelection(symbol));
        builder.Services.AddHostedService<TradeLoggerService>();

        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        if (duration is { } runFor)
        {
            stop.CancelAfter(runFor);
        }

        // Ctrl+C and SIGTERM are handled by the host's console lifetime; the token stops it after --duration.
        await host.RunAsync(stop.Token);
        return 0;
    }
    catch (OptionsValidationException ex)
    {
        await Console.Error.WriteLineAsync($"error: invalid configuration: {ex.Message}");
        return 2;
    }
    catch (ArgumentException ex)
    {
        // Why: out-of-range values and an ApiKey that does not match the secret; the messages never hold the secret.
        await Console.Error.WriteLineAsync($"error: invalid configuration: {ex.Message}");
        return 2;
    }
    finally
    {
        if (exchange is not null)
        {
            await exchange.DisposeAsync();
        }
    }
}

// The simulated exchange must know which key to accept: the one derived from the configured secret, if any.
static string? AccountPublicKey(IConfiguration configuration)
{
    var secret = configuration["Backpack:ApiSecret"];
    if (string.IsNullOrEmpty(secret))
    {
        return null;
    }

    using var signer = Ed25519Signer.FromBase64SecretKey(secret);
    return signer.PublicKeyBase64;
}
