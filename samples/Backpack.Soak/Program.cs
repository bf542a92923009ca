using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Backpack.Samples;
using Backpack.Soak;

// The soak run as a console app: dotnet run --project samples/Backpack.Soak -c Release -- --seconds 600 [--seed 7]
// Exit codes: 0 every check held, 1 a check failed, 2 bad arguments.
var seconds = SampleCommandLine.Seconds("--seconds", "How long the market runs with faults (default 60).", TimeSpan.FromDays(7), "--duration");
var seed = new Option<int?>("--seed")
{
    Description = "Seeds the simulator, the fault schedule and the consumer's stalls (default 7).",
    HelpName = "N",
    CustomParser = ParseSeed,
};
var command = new RootCommand(
    "Runs the fake exchange with drops, Close frames, gaps and rejected handshakes for N seconds, then checks the book, "
    + "the private events, memory and unobserved task exceptions. Exit code 0 if every check held.")
{
    seconds,
    seed,
};

return await SampleCommandLine.RunAsync(command, args, async parsed =>
{
    var options = new SoakOptions();
    if (parsed.GetValue(seconds) is { } duration)
    {
        options = options with { Duration = duration };
    }

    if (parsed.GetValue(seed) is { } value)
    {
        options = options with { Seed = value };
    }

    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };

    var report = await SoakScenario.RunAsync(options, Console.WriteLine, cancel.Token);
    Console.WriteLine(report);
    return report.Passed ? 0 : 1;
});

static int? ParseSeed(ArgumentResult result)
{
    var text = result.Tokens[0].Value;
    if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
    {
        return value;
    }

    result.AddError($"--seed must be a whole number; got '{text}'.");
    return null;
}
