using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backpack.Samples;

namespace Backpack.StreamViewer;

/// <summary>The viewer's command line on System.CommandLine: the shared options plus record, replay and speed.</summary>
internal static class ViewerCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs <paramref name="run"/>; <c>--help</c> returns 0, a bad argument 2.</summary>
    /// <param name="args">The process arguments.</param>
    /// <param name="run">The viewer, given the parsed arguments; returns the exit code.</param>
    /// <param name="output">Where help goes; standard output when <see langword="null"/>.</param>
    /// <param name="error">Where errors go; standard error when <see langword="null"/>.</param>
    public static Task<int> RunAsync(IReadOnlyList<string> args, Func<ViewerArguments, Task<int>> run, TextWriter? output = null, TextWriter? error = null)
    {
        var simulate = SampleCommandLine.Simulate();
        var symbols = SampleCommandLine.Symbols($"Markets to show, comma-separated (default {SampleCommandLine.DefaultSymbol}; with --replay, the recording's).");
        symbols.DefaultValueFactory = null;
        var duration = SampleCommandLine.Seconds("--duration", "Exit by itself after this many seconds.", TimeSpan.FromDays(365));
        var record = new Option<string>("--record")
        {
            Description = "Write every frame received and every REST depth snapshot used to this file, as JSON lines (gzip when it ends in .gz).",
            HelpName = "file",
        };
        var replay = new Option<string>("--replay")
        {
            Description = "Serve a recording from an in-process fake exchange and show it (no internet needed).",
            HelpName = "file",
        };
        var speed = new Option<double?>("--speed")
        {
            Description = "With --replay: 1 plays at the recorded pace (default), 10 ten times faster, max as fast as possible.",
            HelpName = "1|10|max",
            CustomParser = ParseSpeed,
        };
        var command = new RootCommand(
            "Shows a live dashboard of Backpack Exchange markets: the order book with depth bars, the trade tape, a price chart "
            + "and the connection's health. Keys: Tab or arrows switch markets, q quits. When the output is not a terminal it "
            + "prints one summary line per market and refresh instead. Credentials: BACKPACK_API_KEY / BACKPACK_API_SECRET from "
            + "the environment or a .env file in the current directory; when present, account order updates are shown too.")
        {
            simulate,
            symbols,
            duration,
            record,
            replay,
            speed,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(replay) is not null && result.GetResult(simulate) is not null)
            {
                result.AddError("--replay and --simulate cannot be combined: a replay brings its own exchange.");
            }

            if (result.GetResult(speed) is not null && result.GetResult(replay) is null)
            {
                result.AddError("--speed is for --replay.");
            }
        });

        return SampleCommandLine.RunAsync(command, args, parsed => run(new ViewerArguments
        {
            Simulate = parsed.GetValue(simulate),
            Symbols = parsed.GetValue(symbols) ?? (parsed.GetValue(replay) is null ? [SampleCommandLine.DefaultSymbol] : []),
            Duration = parsed.GetValue(duration),
            RecordPath = parsed.GetValue(record),
            ReplayPath = parsed.GetValue(replay),
            Speed = parsed.GetValue(speed) ?? 1,
        }), output, error);
    }

    private static double? ParseSpeed(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (string.Equals(text, "max", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0)
        {
            return value;
        }

        result.AddError($"--speed must be a positive number (1, 10, ...) or max; got '{text}'.");
        return null;
    }
}
