using System.Globalization;
using BenchmarkDotNet.Running;
using Backpack.WebSockets.Benchmarks.EndToEnd;
using Backpack.WebSockets.Benchmarks.Latency;
using Backpack.WebSockets.Benchmarks.Memory;
using Backpack.WebSockets.Benchmarks.Quick;

namespace Backpack.WebSockets.Benchmarks;

/// <summary>
/// <c>--quick</c> / <c>--smoke</c>: every part with the <c>ratios:</c> line (see <see cref="QuickMode"/>).
/// <c>--e2e [count]</c>: the loopback comparison alone. <c>--stalled [count]</c>: the stalled consumer alone.
/// <c>--book</c>: the quick mode's order-book part alone. <c>--parse</c>: the quick mode's parse-and-route part alone.
/// <c>--latency [seconds]</c>: the latency runs alone (seconds per rate, 2 by default).
/// <c>--serve &lt;count&gt;</c> / <c>--serve-latency</c>: the loopback sender (started by the e2e runs). Anything else goes to BenchmarkDotNet, e.g.
/// <c>--filter *ParseAndRoute*</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Bounds a hang (a sender that never sends, a receiver that never ends), so CI fails instead of stalling.
        using var timeout = new CancellationTokenSource(args is ["--smoke"] ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(15));
        try
        {
            return args switch
            {
                ["--serve-latency"] => await LatencySender.RunAsync().ConfigureAwait(false),
                ["--latency", .. var rest] => await RunLatencyAsync(rest is [var s] ? ParseCount(s) : 2, timeout.Token).ConfigureAwait(false),
                ["--book"] => await RunBookAsync().ConfigureAwait(false),
                ["--parse"] => RunParse(),
                ["--serve", var count] => await FrameSender.RunAsync(ParseCount(count)).ConfigureAwait(false),
                ["--quick"] => await QuickMode.RunAsync(smoke: false, Console.Out, timeout.Token).ConfigureAwait(false),
                ["--smoke"] => await QuickMode.RunAsync(smoke: true, Console.Out, timeout.Token).ConfigureAwait(false),
                ["--e2e", .. var rest] => await RunEndToEndAsync(rest is [var n] ? ParseCount(n) : 1_000_000, compressed: false, timeout.Token).ConfigureAwait(false),
                ["--deflate", .. var rest] => await RunEndToEndAsync(rest is [var n] ? ParseCount(n) : 250_000, compressed: true, timeout.Token).ConfigureAwait(false),
                ["--stalled", .. var rest] => await RunStalledAsync(rest is [var n] ? ParseCount(n) : 10_000_000, timeout.Token).ConfigureAwait(false),
                _ => Summaries(BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args)),
            };
        }
        catch (Exception ex) when (args is not ["--serve", _] and not ["--serve-latency"])
        {
            // A broken benchmark must fail the CI smoke run, with the reason.
            Console.Error.WriteLine($"benchmark failed: {ex}");
            return 1;
        }
    }

    private static int Summaries(IEnumerable<BenchmarkDotNet.Reports.Summary> summaries) =>
        summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

    /// <summary><c>--e2e</c> (every receiver, plain) or <c>--deflate</c> (raw and library, plain and deflated), three rounds.</summary>
    private static async Task<int> RunEndToEndAsync(int count, bool compressed, CancellationToken cancellationToken)
    {
        Console.WriteLine(EndToEndRunner.Header);
        var best = compressed
            ? await EndToEndRunner.RunCompressionAsync(count, rounds: 3, Console.Out, cancellationToken).ConfigureAwait(false)
            : await EndToEndRunner.RunAsync(count, rounds: 3, Console.Out, cancellationToken).ConfigureAwait(false);
        EndToEndRunner.WriteBest(best, Console.Out);

        return 0;
    }

    private static async Task<int> RunLatencyAsync(int seconds, CancellationToken cancellationToken)
    {
        Console.WriteLine(LatencyRunner.Header);
        var results = await LatencyRunner.RunAsync(seconds, burst: 10_000, bursts: 5, Console.Out, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(QuickMode.LatencyRatios(results));
        return 0;
    }

    private static async Task<int> RunBookAsync()
    {
        var book = await QuickBook.MeasureAsync(smoke: false).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"level updates per second: {book.LevelUpdatesPerSecond:N0} (1,000 levels per side, publish every 64); GetSnapshot(10) {book.SnapshotNanoseconds:F1} ns, {book.SnapshotBytes:F0} B"));
        Console.WriteLine(book.QuietText);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"book_publish_2000_vs_50={book.QuietRatio:F2}"));
        return 0;
    }

    private static int RunParse()
    {
        // The quick mode's rounds and passes, so the figures compare with its part 1.
        var parse = QuickParse.Run(smoke: false, rounds: 200, passes: 3, Console.Out);
        Console.WriteLine("ratios: " + QuickParse.Ratios(parse));
        return 0;
    }

    private static async Task<int> RunStalledAsync(int count, CancellationToken cancellationToken)
    {
        var result = await StalledConsumerRun.RunAsync(count, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(result);
        return result.Bounded ? 0 : 1;
    }

    private static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"'{text}' is not a positive count.", nameof(text));
}
