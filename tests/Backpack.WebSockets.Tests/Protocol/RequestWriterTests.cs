using System.Buffers;
using System.Text;
using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Tests.Protocol;

public class RequestWriterTests
{
    [Fact]
    public void Write_PublicSubscribe_MatchesTheDocumentedFrame()
    {
        var buffer = new ArrayBufferWriter<byte>();

        RequestWriter.Write(buffer, RequestWriter.Subscribe, ["depth.SOL_USDC", "bookTicker.SOL_USDC"], null);

        Assert.Equal("{\"method\":\"SUBSCRIBE\",\"params\":[\"depth.SOL_USDC\",\"bookTicker.SOL_USDC\"]}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Write_SignedSubscribe_AddsTheSignatureArrayOfStrings()
    {
        var buffer = new ArrayBufferWriter<byte>();

        RequestWriter.Write(buffer, RequestWriter.Subscribe, ["account.orderUpdate"], ["key=", "sig+/=", "1614550000000", "5000"]);

        Assert.Equal(
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"account.orderUpdate\"],\"signature\":[\"key=\",\"sig\\u002B/=\",\"1614550000000\",\"5000\"]}",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Write_Unsubscribe_HasNoSignature()
    {
        var buffer = new ArrayBufferWriter<byte>();

        RequestWriter.Write(buffer, RequestWriter.Unsubscribe, ["depth.SOL_USDC"], null);

        Assert.Equal("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"depth.SOL_USDC\"]}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
