using Backpack.WebSockets.Benchmarks.Frames;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// The pieces of the library's trade path, timed alone in quick mode to show where the time goes: the envelope, the
/// payload parse, and the token floor of the <c>data</c> object alone (what any parse built on
/// <see cref="System.Text.Json.Utf8JsonReader"/> pays before converting anything).
/// </summary>
internal sealed class TradePathBreakdown
{
    private readonly byte[] _frame = RecordedFrames.Trade;
    private readonly byte[] _data;

    public TradePathBreakdown()
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        _data = EnvelopeReader.Read(_frame, nameBuffer).Data.ToArray();
    }

    public int Envelope()
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        return EnvelopeReader.Read(_frame, nameBuffer).Data.Length;
    }

    public long Parse() => TradeParser.Parse(_data).TradeId;

    public int DataFloor() => TokenFloor.ReadAllTokens(_data);
}
