using System.CommandLine;
using Backpack.Samples;

namespace Backpack.HostedService;

/// <summary>
/// The sample's command line: its own options, and everything else handed to the host's configuration (for example
/// <c>--Backpack:StreamCapacity=4096</c>).
/// </summary>
internal sealed class HostedServiceCommandLine
{
    public Option<bool> Simulate { get; } = SampleCommandLine.Simulate();

    public Option<string> Symbol { get; } = SampleCommandLine.Symbol("Market whose trades are logged.");

    public Option<TimeSpan?> Duration { get; } = SampleCommandLine.Seconds("--duration", "Stop by itself after this many seconds, with exit code 0.", TimeSpan.FromDays(365));

    public RootCommand Command { get; }

    public HostedServiceCommandLine()
    {
        Command = new RootCommand(
            "Logs the trades of one market (and, with credentials, the account's order updates) from a hosted service. "
            + "The client is configured from the \"Backpack\" section: appsettings.json, environment variables such as "
            + "Backpack__ApiKey / Backpack__ApiSecret, or host arguments such as --Backpack:StreamCapacity=4096.")
        {
            Simulate,
            Symbol,
            Duration,
        };

        // Why: arguments the sample does not know are the host's (configuration keys), not errors.
        Command.TreatUnmatchedTokensAsErrors = false;
    }
}
