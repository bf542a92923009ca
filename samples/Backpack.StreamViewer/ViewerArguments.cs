using System.Globalization;

namespace Backpack.StreamViewer;

/// <summary>The parsed command line.</summary>
internal sealed record ViewerArguments
{
    public const string Usage =
        """
        Usage: Backpack.StreamViewer [--simulate] [--symbol <SYM>] [--duration <seconds>] [--help]

          --simulate             run a simulated exchange in-process (no internet needed)
          --symbol <SYM>         market to show (default SOL_USDC)
          --duration <seconds>   exit by itself after this many seconds (positive number)
          --help                 show this help

        Credentials: BACKPACK_API_KEY / BACKPACK_API_SECRET from the environment or a .env file in the
        current directory; when present, account order updates are shown too.
        """;

    public bool Simulate { get; init; }

    public string Symbol { get; init; } = "SOL_USDC";

    public TimeSpan? Duration { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; on failure returns <see langword="null"/> and a message for stderr.</summary>
    public static ViewerArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var result = new ViewerArguments();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return result with { ShowHelp = true };
                case "--simulate":
                    result = result with { Simulate = true };
                    break;
                case "--symbol":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--symbol needs a value, for example --symbol SOL_USDC.";
                        return null;
                    }

                    result = result with { Symbol = args[++i] };
                    break;
                case "--duration":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = "--duration needs a number of seconds, for example --duration 10.";
                        return null;
                    }

                    var text = args[++i];
                    // Why the upper bound: TimeSpan.FromSeconds overflows long before a double does.
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        || !double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.FromDays(365).TotalSeconds)
                    {
                        error = $"--duration must be a positive number of seconds; got '{text}'.";
                        return null;
                    }

                    result = result with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return null;
            }
        }

        return result;
    }
}
