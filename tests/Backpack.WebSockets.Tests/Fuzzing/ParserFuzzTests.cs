using Xunit.Abstractions;
using System.Text;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Tests.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.Fuzzing;

/// <summary>
/// Bad input never escapes a parser as anything but <see cref="PayloadFormatException"/>: the envelope reader and every
/// payload parser, over seeded random damage of the golden frames (see <see cref="FrameFuzzer"/>).
/// </summary>
public class ParserFuzzTests(ITestOutputHelper output)
{
    /// <summary>Cases per payload parser: 15 parsers × 7,500 + 12,000 envelopes + the client test's frames exceed 100,000.</summary>
    public const int CasesPerParser = 7_500;

    public const int EnvelopeCases = 12_000;

    public static TheoryData<string> Names => ParserCases.Names();

    private static readonly string[] ErrorFrames =
    [
        "{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}",
        "{\"error\":{\"code\":4003,\"message\":\"Invalid signature\"},\"id\":null}",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Parser_DamagedPayloads_ReturnOrThrowPayloadFormatExceptionOnly(string name)
    {
        var parserCase = ParserCases.Get(name);
        var seeds = GoldenFrames().Where(f => ParserCases.All.First(c => c.Name == PayloadOf(f)) == parserCase)
            .Select(f => Encoding.UTF8.GetString(SpecFrames.DataOf(f)))
            .ToArray();
        var fuzzer = new FrameFuzzer(StableSeed(name));
        var outcome = new Outcome();

        for (var i = 0; i < CasesPerParser; i++)
        {
            var input = fuzzer.Next(seeds[i % seeds.Length], out var strategy);
            outcome.Run(i, strategy, input, () => parserCase.Parse(input));
        }

        outcome.AssertOnlyPayloadFormatExceptions(CasesPerParser);
        output.WriteLine($"{name}: {CasesPerParser} cases, {outcome.Accepted} accepted, {outcome.Rejected} rejected");
    }

    [Fact]
    public void EnvelopeReader_DamagedFrames_ReturnOrThrowPayloadFormatExceptionOnly()
    {
        var seeds = GoldenFrames().Concat(ErrorFrames).ToArray();
        var fuzzer = new FrameFuzzer(20261202);
        var outcome = new Outcome();

        for (var i = 0; i < EnvelopeCases; i++)
        {
            var input = fuzzer.Next(seeds[i % seeds.Length], out var strategy);
            outcome.Run(i, strategy, input, () => ReadEnvelope(input));
        }

        outcome.AssertOnlyPayloadFormatExceptions(EnvelopeCases);
        output.WriteLine($"envelope: {EnvelopeCases} cases, {outcome.Accepted} accepted, {outcome.Rejected} rejected");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parser_EveryStrategyOnEveryGoldenFrame_ReturnOrThrowPayloadFormatExceptionOnly(string name)
    {
        // Each strategy at least a few times on each golden frame of the parser, whatever the random draw.
        var parserCase = ParserCases.Get(name);
        var fuzzer = new FrameFuzzer(StableSeed(name) ^ 0x5EED);
        var outcome = new Outcome();
        var seeds = GoldenFrames().Where(f => PayloadOf(f) == name).Select(f => Encoding.UTF8.GetString(SpecFrames.DataOf(f))).ToArray();
        var index = 0;
        foreach (var seed in seeds)
        {
            foreach (var strategy in Enum.GetValues<FrameFuzzer.Strategy>())
            {
                for (var repeat = 0; repeat < 8; repeat++)
                {
                    var input = fuzzer.Apply(strategy, seed);
                    outcome.Run(index++, strategy, input, () => parserCase.Parse(input));
                }
            }
        }

        outcome.AssertOnlyPayloadFormatExceptions(index);
        output.WriteLine($"{name}: {index} cases (every strategy), {outcome.Accepted} accepted, {outcome.Rejected} rejected");
    }

    /// <summary>Every golden frame of the spec, with the parser that reads it.</summary>
    internal static IEnumerable<string> GoldenFrames() =>
    [
        SpecFrames.BookTickerFrame, SpecFrames.DepthDocsFrame, SpecFrames.DepthAggregatedFrame, SpecFrames.TradeFrame,
        SpecFrames.TickerFrame, SpecFrames.KlineFrame, SpecFrames.MarkPriceFrame, SpecFrames.OpenInterestFrame,
        SpecFrames.LiquidationFrame, SpecFrames.OrderAcceptedFrame, SpecFrames.OrderFillFrame, SpecFrames.PositionLiveFrame,
        SpecFrames.PositionDocsFrame, SpecFrames.BalanceFrame, SpecFrames.RfqFrame, SpecFrames.KlineEmptyCandleFrame,
        SpecFrames.ExternalTickerFrame, SpecFrames.StockPriceFrame, SpecFrames.StockIndicativeQuoteFrame,
    ];

    /// <summary>The parser name (as in <see cref="ParserCases"/>) of a golden frame, from its stream name.</summary>
    internal static string PayloadOf(string frame)
    {
        var stream = SpecFrames.StreamOf(frame);
        var type = stream.StartsWith("account.", StringComparison.Ordinal) ? stream.Split('.')[1] : stream.Split('.')[0];
        return type;
    }

    internal static int StableSeed(string text)
    {
        // string.GetHashCode is randomized per process; FNV-1a is not.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static object ReadEnvelope(byte[] input)
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        var envelope = EnvelopeReader.Read(input, nameBuffer);
        return envelope.Kind;
    }

    /// <summary>Tallies accepted and rejected inputs and keeps every unexpected exception with what caused it.</summary>
    private sealed class Outcome
    {
        private readonly List<string> _escapes = [];

        public int Accepted { get; private set; }

        public int Rejected { get; private set; }

        public void Run(int index, FrameFuzzer.Strategy strategy, byte[] input, Func<object> parse)
        {
            try
            {
                parse();
                Accepted++;
            }
            catch (PayloadFormatException)
            {
                Rejected++;
            }
            catch (Exception ex)
            {
                _escapes.Add($"case {index} ({strategy}): {ex.GetType().Name}: {ex.Message}\n  input (base64): {Convert.ToBase64String(input)}");
            }
        }

        public void AssertOnlyPayloadFormatExceptions(int expectedCases)
        {
            Assert.True(_escapes.Count == 0, $"{_escapes.Count} inputs escaped as another exception:\n{string.Join("\n", _escapes.Take(5))}");
            Assert.Equal(expectedCases, Accepted + Rejected);

            // Both outcomes occur, so the generator is neither all noise nor all harmless.
            Assert.InRange(Rejected, expectedCases / 10, expectedCases);
            Assert.True(Accepted > 0, "No damaged input was accepted: the generator only produced garbage.");
        }
    }
}
