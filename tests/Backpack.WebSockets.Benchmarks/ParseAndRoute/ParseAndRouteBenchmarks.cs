using BenchmarkDotNet.Attributes;
using Backpack.WebSockets.Benchmarks.Frames;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// Part 1: one recorded frame through the library's envelope reader, parser and routing into a subscription's channel,
/// drained through its enumerator; against the token floor (the baseline) and the naive JsonDocument + reflection path.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ParseAndRouteBenchmarks
{
    private byte[] _frame = [];
    private LibraryRouter _router = null!;
    private Func<object?> _drain = null!;
    private NaiveRouter _naive = null!;

    [Params(FrameKind.Trade, FrameKind.BookTicker, FrameKind.Depth20, FrameKind.OrderFill)]
    public FrameKind Frame { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _frame = RecordedFrames.Of(Frame);
        _router = new LibraryRouter();
        _naive = new NaiveRouter();
        _drain = Frame switch
        {
            FrameKind.Trade => DrainOf(_router.Subscribe(BackpackStreams.Trades("BTC_USDC_PERP"), BackpackStreamClientOptions.DefaultStreamCapacity)),
            FrameKind.BookTicker => DrainOf(_router.Subscribe(BackpackStreams.BookTicker("SOL_USDC"), BackpackStreamClientOptions.DefaultStreamCapacity)),
            FrameKind.Depth20 => DrainOf(_router.Subscribe(BackpackStreams.Depth("SOL_USDC"), BackpackStreamClientOptions.DefaultStreamCapacity)),
            FrameKind.OrderFill => DrainOf(_router.Subscribe(BackpackStreams.OrderUpdates("ETH_USDC"), BackpackStreamClientOptions.DefaultPrivateStreamCapacity)),
            _ => throw new InvalidOperationException($"Unknown frame kind {Frame}."),
        };

        // Fail at setup, not in the middle of a measurement, if a path does not deliver.
        if (Library() is null || Naive() is null || Floor() == 0)
        {
            throw new InvalidOperationException($"A path delivered nothing for {Frame}.");
        }
    }

    /// <summary>The floor: every token read, nothing built.</summary>
    [Benchmark(Baseline = true)]
    public int Floor() => TokenFloor.ReadAllTokens(_frame);

    /// <summary>Envelope, registry lookup, parse, channel write, enumerator read.</summary>
    [Benchmark]
    public object? Library()
    {
        _router.Route(_frame);
        return _drain();
    }

    /// <summary>JsonDocument + stream string + handler dictionary + reflection deserialize + channel.</summary>
    [Benchmark]
    public object? Naive() => _naive.RouteAndRead(_frame);

    private static Func<object?> DrainOf<T>(BackpackSubscription<T> subscription)
    {
        var drain = new SyncDrain<T>(subscription);
        return () => drain.Next();
    }
}
