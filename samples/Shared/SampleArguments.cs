using System.Globalization;

namespace Backpack.Samples;

/// <summary>The command line the samples share: <c>--simulate</c>, <c>--symbol</c>, <c>--duration</c>, <c>--help</c>. Each sample prints its own usage.</summary>
internal sealed record SampleArguments
{
    public bool Simulate { get; init; }

    public string Symbol { get; init; } = "SOL_USDC";

    public TimeSpan? Duration { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; on failure returns <see langword="null"/> and a message for stderr.</summary>
    public static SampleArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var result = new SampleArguments();
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

                    var symbol = args[++i];
                    if (!IsValidSymbol(symbol, out var reason))
                    {
                        error = $"invalid --symbol '{symbol}': {reason}";
                        return null;
                    }

                    result = result with { Symbol = symbol };
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

    // Why the library's own check: a bad symbol is an argument error here rather than a server rejection later.
    private static bool IsValidSymbol(string symbol, out string? reason)
    {
        try
        {
            _ = Backpack.WebSockets.BackpackStreams.Trades(symbol);
            reason = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            reason = ex.Message;
            return false;
        }
    }
}
