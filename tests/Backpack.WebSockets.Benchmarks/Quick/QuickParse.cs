using System.Globalization;
using Backpack.WebSockets.Benchmarks.Frames;
using Backpack.WebSockets.Benchmarks.ParseAndRoute;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>
/// Part 1 of the quick mode, parse and route: the table, the trade pieces and the decimal figures. Also run alone by
/// <c>--parse</c>, which measures a parser change without the minutes the other parts take.
/// </summary>
internal static class QuickParse
{
    /// <summary>Writes part 1 to <paramref name="output"/> and returns the fastest ns per frame of each path.</summary>
    public static Dictionary<FrameKind, (double Floor, double Library, double Naive)> Run(bool smoke, int rounds, int passes, TextWriter output)
    {
        output.WriteLine(Invariant($"## 1. Parse and route (ns per frame, fastest round of {passes} passes; ratios against the token floor)"));
        output.WriteLine($"{"Frame",-11} {"Floor",9} {"Library",9} {"Naive",9} {"lib/floor",10} {"naive/lib",10} {"lib B",7} {"naive B",8}");
        var parse = new Dictionary<FrameKind, (double Floor, double Library, double Naive)>();
        var benches = Enum.GetValues<FrameKind>().ToDictionary(kind => kind, kind =>
        {
            var bench = new ParseAndRouteBenchmarks { Frame = kind };
            bench.Setup();
            return bench;
        });

        // Several passes over the frame kinds, each call keeping its fastest round of all: a neighbour's build that
        // slows one pass (cache and memory bandwidth are shared) does not decide the figure.
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (kind, bench) in benches)
            {
                var iterations = smoke ? 100 : kind switch { FrameKind.Depth20 => 200, FrameKind.OrderFill => 500, _ => 1_000 };
                var times = QuickTimer.NanosecondsPerCall([() => bench.Floor(), () => bench.Library(), () => bench.Naive()], iterations, rounds);
                parse[kind] = parse.TryGetValue(kind, out var previous)
                    ? (Math.Min(previous.Floor, times[0]), Math.Min(previous.Library, times[1]), Math.Min(previous.Naive, times[2]))
                    : (times[0], times[1], times[2]);
            }
        }

        foreach (var (kind, bench) in benches)
        {
            var (floor, library, naive) = parse[kind];
            var libraryBytes = QuickTimer.BytesPerCall(() => bench.Library(), 10_000);
            var naiveBytes = QuickTimer.BytesPerCall(() => bench.Naive(), 10_000);
            output.WriteLine(Invariant($"{kind,-11} {floor,9:F0} {library,9:F0} {naive,9:F0} {library / floor,10:F2} {naive / library,10:F2} {libraryBytes,7:F0} {naiveBytes,8:F0}"));
        }

        var pieces = new TradePathBreakdown();
        var pieceTimes = QuickTimer.NanosecondsPerCall([() => pieces.Envelope(), () => pieces.Parse(), () => pieces.DataFloor()], smoke ? 100 : 1_000, rounds);
        output.WriteLine(Invariant($"trade pieces: envelope {pieceTimes[0]:F0} ns, parse of data {pieceTimes[1]:F0} ns, token floor of data alone {pieceTimes[2]:F0} ns"));
        var decimals = WireDecimals();
        var decimalSink = 0m;
        var decimalTimes = QuickTimer.NanosecondsPerCall(
            [
                () =>
                {
                    foreach (var text in decimals)
                    {
                        _ = WebSockets.Protocol.Payloads.JsonFields.TryParseDecimal(text, out var value);
                        decimalSink += value;
                    }
                },
                () =>
                {
                    foreach (var text in decimals)
                    {
                        _ = System.Buffers.Text.Utf8Parser.TryParse(text, out decimal value, out _);
                        decimalSink += value;
                    }
                },
            ],
            smoke ? 100 : 1_000,
            rounds);
        GC.KeepAlive(decimalSink);
        output.WriteLine(Invariant($"decimals ({decimals.Length} wire values from the trade, depth and order frames, per value): fast path {decimalTimes[0] / decimals.Length:F1} ns, Utf8Parser {decimalTimes[1] / decimals.Length:F1} ns"));

    return parse;
    }

    /// <summary>The parse fields of the <c>ratios:</c> line, with the quick mode's names.</summary>
    public static string Ratios(Dictionary<FrameKind, (double Floor, double Library, double Naive)> parse) =>
        Invariant($"parse_vs_floor={parse[FrameKind.Trade].Library / parse[FrameKind.Trade].Floor:F2} depth_parse_vs_floor={parse[FrameKind.Depth20].Library / parse[FrameKind.Depth20].Floor:F2} order_parse_vs_floor={parse[FrameKind.OrderFill].Library / parse[FrameKind.OrderFill].Floor:F2}");

    /// <summary>Prices and quantities as the wire spells them (trade, depth and order-fill frames).</summary>
    private static byte[][] WireDecimals() =>
        [.. new[] { "86642.9", "0.07206", "18.70", "0.125", "4299.16", "4.299160", "0.0010", "0.000001" }.Select(System.Text.Encoding.ASCII.GetBytes)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
