namespace Backpack.HostedService;

/// <summary>The sample's <c>--help</c> text.</summary>
internal static class HostedServiceUsage
{
    public const string Text =
        """
        Usage: Backpack.HostedService [--simulate] [--symbol <SYM>] [--duration <seconds>] [--help] [host arguments]

          --simulate             run a simulated exchange in-process (no internet needed)
          --symbol <SYM>         market whose trades are logged (default SOL_USDC)
          --duration <seconds>   stop by itself after this many seconds, with exit code 0
          --help                 show this help

        The client is configured from the "Backpack" section (appsettings.json, environment variables such as
        Backpack__ApiKey / Backpack__ApiSecret, or host arguments such as --Backpack:StreamCapacity=4096). With
        credentials, account order updates are logged too.
        """;
}
