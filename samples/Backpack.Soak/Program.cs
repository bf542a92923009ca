using System.Globalization;
using Backpack.Soak;

// The soak run as a console app: dotnet run --project samples/Backpack.Soak -c Release -- --seconds 600 [--seed 7]
var options = new SoakOptions();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds" when i + 1 < args.Length
            && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and <= 7 * 24 * 3600:
            options = options with { Duration = TimeSpan.FromSeconds(seconds) };
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
            options = options with { Seed = seed };
            i++;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Backpack.Soak [--seconds N] [--seed N]");
            Console.WriteLine("Runs the fake exchange with drops, Close frames, gaps and rejected handshakes for N seconds (default 60),");
            Console.WriteLine("then checks the book, the private events, memory and unobserved task exceptions. Exit code 0 if every check held.");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown or invalid argument '{args[i]}'; try --help.");
            return 2;
    }
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
