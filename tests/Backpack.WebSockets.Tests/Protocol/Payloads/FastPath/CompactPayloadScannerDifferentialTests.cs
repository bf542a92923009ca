using System.Text;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>
/// The compact fast path of the hot parsers against their general <see cref="System.Text.Json.Utf8JsonReader"/> path, on
/// the shapes of the parser tests and on seeded random payloads (see <see cref="Differential.Compare"/> for the contract).
/// </summary>
public class CompactPayloadScannerDifferentialTests
{
    private const int WireCases = 1_500;
    private const int CompactCases = 3_000;
    private const int NoisyCases = 2_000;

    public static TheoryData<string> Names => FastPathCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void GoldenPayloads_FastPathAcceptsAndAgrees(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        foreach (var payload in FastPathCases.GoldenPayloads(fastPathCase))
        {
            Assert.Equal(DifferentialOutcome.FastAccepted, Differential.Compare(fastPathCase, payload));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ParserTestShapes_FastPathAgreesOrDeclines(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var outcomes = ParserTestShapes(name).Select(payload => Differential.Compare(fastPathCase, payload)).ToList();

        // Most of those shapes are valid and compact: the fast path takes them.
        Assert.Contains(DifferentialOutcome.FastAccepted, outcomes);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WireShapedRandomPayloads_FastPathNeverDeclines(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var payloads = new RandomPayloads(ParserFuzzSeed(name, 1));
        for (var i = 0; i < WireCases; i++)
        {
            var payload = payloads.Next(fastPathCase, PayloadProfile.Wire);
            var outcome = Differential.Compare(fastPathCase, payload);
            Assert.True(outcome == DifferentialOutcome.FastAccepted, $"case {i}: {outcome} on {Differential.Show(payload)}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CompactRandomPayloads_FastPathAcceptsExactlyWhatTheGeneralPathAccepts(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var payloads = new RandomPayloads(ParserFuzzSeed(name, 2));
        var outcomes = new Dictionary<DifferentialOutcome, int>();
        for (var i = 0; i < CompactCases; i++)
        {
            var outcome = Differential.Compare(fastPathCase, payloads.Next(fastPathCase, PayloadProfile.Compact));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Compare fails any compact payload the general path accepts and the fast path declines; both outcomes left occur.
        Assert.False(outcomes.ContainsKey(DifferentialOutcome.DeclinedGeneralAccepted));
        Assert.InRange(outcomes.GetValueOrDefault(DifferentialOutcome.FastAccepted), CompactCases / 10, CompactCases);
        Assert.InRange(outcomes.GetValueOrDefault(DifferentialOutcome.DeclinedGeneralRejected), CompactCases / 10, CompactCases);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NoisyRandomPayloads_FastPathAgreesOrDeclines(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var payloads = new RandomPayloads(ParserFuzzSeed(name, 3));
        var outcomes = new Dictionary<DifferentialOutcome, int>();
        for (var i = 0; i < NoisyCases; i++)
        {
            var outcome = Differential.Compare(fastPathCase, payloads.Next(fastPathCase, PayloadProfile.Noisy));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Every outcome occurs: the noise reaches the declines that the general path then accepts.
        Assert.All(Enum.GetValues<DifferentialOutcome>(), outcome => Assert.True(outcomes.GetValueOrDefault(outcome) > 0, $"{outcome} never occurred"));
    }

    [Fact]
    public void Scales_SurviveTheFastPath()
    {
        Assert.True(Backpack.WebSockets.Protocol.Payloads.DepthUpdateParser.TryParseFast(
            Utf8("""{"E":1,"T":2,"U":3,"u":4,"s":"SOL_USDC","a":[["18.70","0.000"],[0,"-0"]],"b":[[18.6700,0.0]]}"""), out var depth));

        Assert.Equal(["18.70:0.000", "0:0"], depth.Asks.Select(l => Text(l.Price) + ":" + Text(l.Quantity)));
        Assert.Equal("18.6700:0.0", Text(depth.Bids[0].Price) + ":" + Text(depth.Bids[0].Quantity));
        Assert.True(decimal.IsNegative(depth.Asks[1].Quantity));
    }

    [Theory]
    [InlineData(" {0}")]
    [InlineData("{0} ")]
    [InlineData("{0}\n")]
    [InlineData("{{\"x\": 1,{1}")]
    [InlineData("{{\"x\":\"\\u0041\",{1}")]
    [InlineData("{{\"x\":\"caf\u00e9\",{1}")]
    [InlineData("{{\"x\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],{1}")]
    [InlineData("{{\"\\u0078\":1,{1}")]
    public void ValidPayloadOutsideTheSubset_FastPathDeclinesAndTheGeneralPathAccepts(string template)
    {
        var golden = Encoding.UTF8.GetString(DataOf(TradeFrame));
        var payload = Utf8(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, golden, golden[1..]));

        Assert.Equal(DifferentialOutcome.DeclinedGeneralAccepted, Differential.Compare(FastPathCases.Get("trade"), payload));
    }

    internal static int ParserFuzzSeed(string name, int salt) => Fuzzing.ParserFuzzTests.StableSeed(name) ^ (salt * 0x3C6EF372);

    /// <summary>The golden payloads edited the ways the parser tests of each payload edit them.</summary>
    private static IEnumerable<byte[]> ParserTestShapes(string name)
    {
        string[] zeros = ["\"0\"", "\"0.00\"", "\"0.000\"", "\"0.00000\"", "0", "0.0", "\"0E-8\""];
        string[] badDecimals = ["\"\"", "\"abc\"", "\"1.2.3\"", "\"1,5\"", "\" 1.5\"", "\"NaN\"", "\"79228162514264337593543950336\"", "true", "[]"];
        string[] badIntegers = ["\"99419870.0\"", "1.5", "\"\"", "\"66605319496x\"", "false", "1.7909155310263E15"];
        switch (name)
        {
            case "depth":
                foreach (var zero in zeros)
                {
                    yield return WithField(DepthDocsFrame, "a", $"[[\"117357.0\",{zero}]]");
                }

                yield return WithField(DepthDocsFrame, "b", "[[18.67,0.832],[18.68,\"0.000\"]]");
                yield return EditData(DepthAggregatedFrame, p => p.Select(kv => kv.Key is "U" or "u" ? new(kv.Key, $"\"{kv.Value}\"") : kv));
                yield return EditData(DepthDocsFrame, p => p.Select(kv => kv.Key is "a" or "b" ? new(kv.Key, "[]") : kv));
                foreach (var count in new[] { 1, 63, 64, 65, 1000, 5000 })
                {
                    var levels = new StringBuilder("[");
                    for (var i = 0; i < count; i++)
                    {
                        levels.Append(i == 0 ? string.Empty : ",").Append($"[\"{i}.5\",\"{i % 7}.250\"]");
                    }

                    yield return WithField(DepthDocsFrame, "b", levels.Append(']').ToString());
                }

                foreach (var bad in new[] { "[[\"1\"]]", "[[\"1\",\"2\",\"3\"]]", "[[]]", "[\"1\",\"2\"]", "[{\"p\":\"1\",\"q\":\"2\"}]", "{\"18.70\":\"0\"}", "[[\"x\",\"1\"]]", "[[\"1\",null]]", "[[\"1\",true]]", "\"[]\"" })
                {
                    yield return WithField(DepthDocsFrame, "b", bad);
                }

                foreach (var key in new[] { "E", "T", "s", "U", "u", "a", "b" })
                {
                    yield return WithField(DepthDocsFrame, key, null);
                }

                break;
            case "trade":
                yield return Utf8("""{"E":"1790915531026313","T":"1790915531025000","a":66605319496,"b":66605329178,"e":"trade","m":false,"p":86642.9,"q":0.07206,"s":"BTC_USDC_PERP","t":"99419870"}""");
                yield return WithField(TradeFrame, "m", "true");
                yield return WithField(TradeFrame, "e", null);
                yield return WithField(TradeFrame, "e", "1");
                yield return WithField(TradeFrame, "s", "\"SPCX.US_USDC\"");
                yield return Utf8("""{"E":1790915531026313,"T":1790915531025000,"a":"66605319496","b":"66605329178","m":false,"\u0070":"86642\u002e9","q":"0.07206","s":"BTC\u005fUSDC_PERP","t":"9941987\u0030"}""");
                foreach (var bad in badDecimals)
                {
                    yield return WithField(TradeFrame, "p", bad);
                }

                foreach (var bad in badIntegers)
                {
                    yield return WithField(TradeFrame, "t", bad);
                }

                yield return WithField(TradeFrame, "m", "\"false\"");
                yield return WithField(TradeFrame, "m", "0");
                yield return WithField(TradeFrame, "s", "42");
                yield return WithField(TradeFrame, "E", "1.7909155310263E15");
                break;
            case "bookTicker":
                yield return WithField(BookTickerFrame, "u", "\"4330360995\"");
                yield return EditData(BookTickerFrame, p => p.Select(kv => kv.Key is "a" or "A" or "b" or "B" ? new(kv.Key, kv.Value.Trim('"')) : kv));
                foreach (var bad in badDecimals)
                {
                    yield return WithField(BookTickerFrame, "A", bad);
                }

                break;
            case "orderUpdate":
                yield return WithField(OrderAcceptedFrame, "t", null);
                yield return WithField(OrderFillFrame, "t", "\"2888471\"");
                yield return WithField(OrderFillFrame, "i", "5406825793");
                yield return WithField(OrderFillFrame, "n", "\"-0.000002\"");
                yield return WithField(OrderFillFrame, "e", null);
                foreach (var raw in new[] { "\"20.03\"", "\"80%\"", "null", "1" })
                {
                    yield return WithField(OrderAcceptedFrame, "Y", raw);
                }

                foreach (var raw in new[] { "\"59887375337\"", "59887375337", "null" })
                {
                    yield return WithField(OrderAcceptedFrame, "I", raw);
                }

                foreach (var (key, wire) in new[]
                {
                    ("e", "orderTeleported"), ("e", "triggerPlaced"), ("X", "PartiallyFilled"), ("X", "Rejected"), ("o", "Limit"),
                    ("o", "limit"), ("o", "STOP_LIMIT"), ("f", "IOC"), ("f", "GTD"), ("V", "RejectBoth"), ("O", "LIQUIDATION_AUTOCLOSE"),
                    ("O", "BACKSTOP_LIQUIDITY_PROVIDER"), ("B", "MarkPrice"), ("d", "IndexPrice"), ("g", "lastprice"), ("S", "Ask"),
                })
                {
                    yield return WithField(OrderFillFrame, key, $"\"{wire}\"");
                }

                foreach (var key in new[] { "q", "Q", "p", "P", "a", "b", "j", "k", "l", "L", "n", "m", "y", "r", "c", "t", "I", "H", "B", "d", "g", "R", "N", "e" })
                {
                    yield return WithField(OrderFillFrame, key, "null");
                }

                foreach (var key in new[] { "E", "T", "s", "S", "o", "f", "X", "i", "z", "Z", "V", "O" })
                {
                    yield return WithField(OrderFillFrame, key, null);
                }

                break;
        }
    }
}
