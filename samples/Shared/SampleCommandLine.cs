using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Backpack.Samples;

/// <summary>
/// The options the samples share (<c>--simulate</c>, <c>--symbol</c>, <c>--duration</c>) on System.CommandLine, and the one
/// way they run a parsed command line: <c>--help</c> generated, errors on stderr with exit code 2.
/// </summary>
internal static class SampleCommandLine
{
    /// <summary>The exit code of a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>The market shown when <c>--symbol</c> is not given.</summary>
    public const string DefaultSymbol = "SOL_USDC";

    /// <summary><c>--simulate</c>: run the fake exchange in-process.</summary>
    public static Option<bool> Simulate() => new("--simulate")
    {
        Description = "Run a simulated exchange in-process (no internet needed).",
    };

    /// <summary><c>--symbol SYM</c>: one market, checked with the library's own stream-name rules.</summary>
    /// <param name="description">What the market is used for, in the sample's words.</param>
    public static Option<string> Symbol(string description)
    {
        var option = new Option<string>("--symbol")
        {
            Description = description,
            HelpName = "SYM",
            DefaultValueFactory = _ => DefaultSymbol,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !IsValidSymbol(result.Tokens[0].Value, out var reason))
            {
                result.AddError($"invalid --symbol '{result.Tokens[0].Value}': {reason}");
            }
        });
        return option;
    }

    /// <summary><c>--symbol SYM[,SYM...]</c>: one or more markets, comma-separated, each checked and listed once.</summary>
    /// <param name="description">What the markets are used for, in the sample's words.</param>
    public static Option<IReadOnlyList<string>> Symbols(string description) => new("--symbol")
    {
        Description = description,
        HelpName = "SYM[,SYM...]",
        DefaultValueFactory = _ => [DefaultSymbol],
        CustomParser = ParseSymbols,
    };

    /// <summary>A positive number of seconds (at most a year), as a <see cref="TimeSpan"/>; <see langword="null"/> when absent.</summary>
    /// <param name="name">The option's name, e.g. <c>--duration</c>.</param>
    /// <param name="description">What the duration bounds.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="aliases">Other names of the option.</param>
    public static Option<TimeSpan?> Seconds(string name, string description, TimeSpan max, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "seconds",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            // Why the upper bound: TimeSpan.FromSeconds overflows long before a double does.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds) || seconds <= 0 || seconds > max.TotalSeconds)
            {
                // Why the name as typed: --duration and --seconds are one option in the soak sample.
                var typed = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? name;
                result.AddError($"{typed} must be a positive number of seconds (at most {max.TotalSeconds.ToString(CultureInfo.InvariantCulture)}); got '{text}'.");
                return null;
            }

            return TimeSpan.FromSeconds(seconds);
        },
    };

    /// <summary>
    /// Parses <paramref name="args"/> against <paramref name="command"/> and runs it: <c>--help</c> prints the generated help
    /// and returns 0; a parse error prints <c>error: ...</c> lines and a hint to <paramref name="error"/> and returns
    /// <see cref="UsageError"/>; anything else runs <paramref name="run"/> and returns its exit code.
    /// </summary>
    /// <param name="command">The sample's root command, with its options added.</param>
    /// <param name="args">The process arguments.</param>
    /// <param name="run">The sample itself.</param>
    /// <param name="output">Where help goes; standard output when <see langword="null"/>.</param>
    /// <param name="error">Where errors go; standard error when <see langword="null"/>.</param>
    public static async Task<int> RunAsync(RootCommand command, IReadOnlyList<string> args, Func<ParseResult, Task<int>> run, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var result = command.Parse(args);
        if (result.Action is HelpAction)
        {
            // Why before the errors: "--help" alongside a bad argument still shows the help, as before.
            return await result.InvokeAsync(Configuration(output, error)).ConfigureAwait(false);
        }

        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return UsageError;
        }

        return await run(result).ConfigureAwait(false);
    }

    // Why no termination timeout: each sample handles Ctrl+C and SIGTERM itself, to close the socket and the server cleanly.
    private static InvocationConfiguration Configuration(TextWriter output, TextWriter error) =>
        new() { Output = output, Error = error, ProcessTerminationTimeout = null };

    private static IReadOnlyList<string> ParseSymbols(ArgumentResult result)
    {
        var symbols = new List<string>();
        foreach (var token in result.Tokens)
        {
            foreach (var symbol in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!IsValidSymbol(symbol, out var reason))
                {
                    result.AddError($"invalid --symbol '{symbol}': {reason}");
                    return [];
                }

                if (!symbols.Contains(symbol, StringComparer.Ordinal))
                {
                    symbols.Add(symbol);
                }
            }
        }

        if (symbols.Count == 0)
        {
            result.AddError("--symbol needs a value, for example --symbol SOL_USDC or --symbol SOL_USDC,BTC_USDC.");
        }

        return symbols;
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
