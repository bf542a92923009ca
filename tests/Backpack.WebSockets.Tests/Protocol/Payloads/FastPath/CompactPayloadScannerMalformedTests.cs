using Backpack.WebSockets.Tests.Fuzzing;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>
/// Damaged payloads never get past the fast path when the general path rejects them, and never make it throw: truncation
/// at every byte, seeded byte flips, insertions and deletions, and every <see cref="FrameFuzzer"/> strategy, on the golden
/// payloads and on random wire-shaped ones.
/// </summary>
public class CompactPayloadScannerMalformedTests
{
    private const int MutationCases = 4_000;
    private const int FuzzerCases = 4_000;

    public static TheoryData<string> Names => FastPathCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void TruncatedAtEveryByte_FastPathDeclines(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        foreach (var payload in Seeds(fastPathCase, CompactPayloadScannerDifferentialTests.ParserFuzzSeed(name, 4)))
        {
            for (var length = 0; length < payload.Length; length++)
            {
                // No proper prefix of an object is an object: both paths must reject, so the fast path must decline.
                Assert.Equal(DifferentialOutcome.DeclinedGeneralRejected, Differential.Compare(fastPathCase, payload[..length]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FlippedInsertedAndDeletedBytes_FastPathNeverAcceptsWhatTheGeneralPathRejects(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var random = new Random(CompactPayloadScannerDifferentialTests.ParserFuzzSeed(name, 5));
        var seeds = Seeds(fastPathCase, CompactPayloadScannerDifferentialTests.ParserFuzzSeed(name, 6));
        var outcomes = new Dictionary<DifferentialOutcome, int>();
        for (var i = 0; i < MutationCases; i++)
        {
            var payload = Mutate(random, seeds[i % seeds.Length]);
            var outcome = Differential.Compare(fastPathCase, payload);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Some mutations keep the payload valid (a digit for a digit) and some break it: both are exercised.
        Assert.True(outcomes.GetValueOrDefault(DifferentialOutcome.FastAccepted) > 0);
        Assert.True(outcomes.GetValueOrDefault(DifferentialOutcome.DeclinedGeneralRejected) > MutationCases / 10);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FuzzerStrategies_FastPathNeverAcceptsWhatTheGeneralPathRejects(string name)
    {
        var fastPathCase = FastPathCases.Get(name);
        var fuzzer = new FrameFuzzer(CompactPayloadScannerDifferentialTests.ParserFuzzSeed(name, 7));
        var seeds = FastPathCases.GoldenPayloads(fastPathCase).Select(System.Text.Encoding.UTF8.GetString).ToArray();
        for (var i = 0; i < FuzzerCases; i++)
        {
            Differential.Compare(fastPathCase, fuzzer.Next(seeds[i % seeds.Length], out _));
        }
    }

    /// <summary>The golden payloads and a few random wire-shaped ones.</summary>
    private static byte[][] Seeds(FastPathCase fastPathCase, int seed)
    {
        var payloads = new RandomPayloads(seed);
        return [.. FastPathCases.GoldenPayloads(fastPathCase), .. Enumerable.Range(0, 6).Select(_ => payloads.Next(fastPathCase, PayloadProfile.Wire))];
    }

    /// <summary>One to three flips, insertions or deletions of single bytes, mostly JSON-significant ones.</summary>
    private static byte[] Mutate(Random random, byte[] payload)
    {
        const string significant = "{}[]\":,.-+eE0123456789 tfnul\\";
        var bytes = new List<byte>(payload);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var value = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)significant[random.Next(significant.Length)];
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = value;
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, value);
                    break;
            }
        }

        return [.. bytes];
    }
}
