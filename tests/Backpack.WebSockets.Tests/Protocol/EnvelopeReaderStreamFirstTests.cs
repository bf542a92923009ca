using System.Text;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Tests.Fuzzing;
using Backpack.WebSockets.Tests.Protocol.Payloads;
using Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

namespace Backpack.WebSockets.Tests.Protocol;

/// <summary>
/// The envelope's fast path for <c>{"stream":"…","data":{…}}</c> returns exactly what the full reader returns for the
/// same frame, and rejects (by falling back) exactly what it rejects. The full reader's answer is taken on the same frame
/// behind a leading space, which no fast path takes and which changes nothing else.
/// </summary>
public class EnvelopeReaderStreamFirstTests
{
    private const int RandomFrames = 1_500;
    private const int DamagedFrames = 6_000;

    private static readonly string[] s_streamFirstFrames =
    [
        SpecFrames.DepthDocsFrame, SpecFrames.OrderFillFrame, SpecFrames.KlineFrame, SpecFrames.OpenInterestFrame,
        SpecFrames.LiquidationFrame, SpecFrames.PositionLiveFrame, SpecFrames.PositionDocsFrame, SpecFrames.RfqFrame,
    ];

    public static TheoryData<string> StreamFirstSpecFrames => new(s_streamFirstFrames);

    [Theory]
    [MemberData(nameof(StreamFirstSpecFrames))]
    public void SpecFrameInTheDocumentedOrder_TakesTheFastPathAndMatchesTheFullReader(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        Assert.True(EnvelopeReader.TryReadStreamFirst(bytes, out var stream, out var data));
        Assert.Equal(SpecFrames.StreamOf(frame), Encoding.UTF8.GetString(stream));
        Assert.Equal(SpecFrames.DataOf(frame), data.ToArray());
        AssertSameAsFullReader(bytes);
    }

    [Theory]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":}}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":1},\"x\":{\"b\":2}}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":1},\"data\":{\"b\":2}}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":1}}x}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":\"\\u0041\"}}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\": 1}}")]
    [InlineData("{\"stream\":\"\",\"data\":{}}")]
    [InlineData("{\"stream\":\"a\\\"b\",\"data\":{}}")]
    public void FrameTheScannerCannotVouchFor_FallsBackToTheFullReader(string frame)
    {
        var bytes = Encoding.UTF8.GetBytes(frame);

        Assert.False(EnvelopeReader.TryReadStreamFirst(bytes, out _, out _));
        AssertSameAsFullReader(bytes);
    }

    [Fact]
    public void RandomFramesInTheDocumentedOrder_MatchTheFullReader()
    {
        var payloads = new RandomPayloads(20261203);
        var fast = 0;
        for (var i = 0; i < RandomFrames; i++)
        {
            var fastPathCase = FastPathCases.All[i % FastPathCases.All.Count];
            var profile = (PayloadProfile)(i % 3);
            var frame = StreamFirst("x." + i, payloads.Next(fastPathCase, profile));
            fast += EnvelopeReader.TryReadStreamFirst(frame, out _, out _) ? 1 : 0;
            AssertSameAsFullReader(frame);
        }

        // Wire and compact payloads are all valid JSON, most noisy ones too: the fast path takes at least those two thirds.
        Assert.InRange(fast, RandomFrames * 2 / 3, RandomFrames);
    }

    [Fact]
    public void DamagedFramesInTheDocumentedOrder_MatchTheFullReader()
    {
        var fuzzer = new FrameFuzzer(20261204);
        for (var i = 0; i < DamagedFrames; i++)
        {
            // Damage that makes a data-first frame is the other fast path's, which may differ by design (see EnvelopeReader).
            var frame = fuzzer.Next(s_streamFirstFrames[i % s_streamFirstFrames.Length], out _);
            if (!frame.AsSpan().StartsWith("{\"data\":{"u8))
            {
                AssertSameAsFullReader(frame);
            }
        }
    }

    [Fact]
    public void TruncatedAtEveryByte_MatchesTheFullReader()
    {
        var frame = Encoding.UTF8.GetBytes(SpecFrames.OrderFillFrame);
        for (var length = 0; length <= frame.Length; length++)
        {
            AssertSameAsFullReader(frame[..length]);
        }
    }

    private static byte[] StreamFirst(string stream, byte[] data) =>
        [.. Encoding.UTF8.GetBytes("{\"stream\":\"" + stream + "\",\"data\":"), .. data, (byte)'}'];

    private static void AssertSameAsFullReader(byte[] frame)
    {
        var actual = Read(frame);
        var expected = Read([(byte)' ', .. frame]);
        Assert.True(expected == actual, $"fast: {actual}, full reader: {expected} on {Differential.Show(frame)}");
    }

    private static string Read(byte[] frame)
    {
        try
        {
            var envelope = EnvelopeReader.Read(frame, new byte[EnvelopeReader.MaxStreamNameBytes]);
            return envelope.Kind == EnvelopeKind.Data
                ? $"data {Convert.ToHexString(envelope.StreamName)} {Convert.ToHexString(envelope.Data)}"
                : $"error {envelope.ErrorCode} {envelope.ErrorMessage}";
        }
        catch (PayloadFormatException)
        {
            return "rejected";
        }
    }
}
