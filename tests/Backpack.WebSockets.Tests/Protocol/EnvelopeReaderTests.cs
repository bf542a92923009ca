using System.Text;
using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Tests.Protocol;

public class EnvelopeReaderTests
{
    [Theory]
    [InlineData("{\"data\":{\"e\":\"trade\",\"p\":\"1\"},\"stream\":\"trade.SOL_USDC\"}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"e\":\"trade\",\"p\":\"1\"}}")]
    [InlineData("{\"id\":null,\"stream\":\"trade.SOL_USDC\",\"x\":{\"y\":[1,2]},\"data\":{\"e\":\"trade\",\"p\":\"1\"}}")]
    [InlineData(" { \"stream\" : \"trade.SOL_USDC\" , \"data\" : {\"e\":\"trade\",\"p\":\"1\"} } ")]
    public void Read_DataFrameInAnyKeyOrder_ReturnsNameAndExactDataSlice(string frame)
    {
        var (kind, name, data, _, _) = Read(frame);

        Assert.Equal(EnvelopeKind.Data, kind);
        Assert.Equal("trade.SOL_USDC", name);
        Assert.Equal("{\"e\":\"trade\",\"p\":\"1\"}", data);
    }

    [Theory]
    [InlineData("{\"data\":{\"stream\":\"x\",\"t\":\"}{\\\"\",\"n\":{\"a\":[1]}},\"stream\":\"trade.SOL_USDC\"}", "{\"stream\":\"x\",\"t\":\"}{\\\"\",\"n\":{\"a\":[1]}}")]
    [InlineData("{\"data\":{},\"stream\":\"trade.SOL_USDC\"}", "{}")]
    public void Read_WireShapedFrame_CutsDataUpToTheTopLevelStreamName(string frame, string expectedData)
    {
        var (kind, name, data, _, _) = Read(frame);

        Assert.Equal(EnvelopeKind.Data, kind);
        Assert.Equal("trade.SOL_USDC", name);
        Assert.Equal(expectedData, data);
    }

    [Theory]
    [InlineData("{\"data\":{\"a\":1},\"stream\":\"trade.SOL_USDC\"")]
    [InlineData("{\"data\":{\"a\":1},\"stream\":\"trade.\u0001SOL\"}")]
    [InlineData("{\"data\":{\"a\":1},\"stream\":\"trade.SOL_USDC\",\"stream\":1}")]
    public void Read_AlmostWireShapedMalformedFrame_FallsBackToTheFullReaderAndThrows(string frame)
    {
        Assert.Throws<PayloadFormatException>(() => Read(frame));
    }

    [Fact]
    public void Read_WireShapedFrameWithMalformedData_LeavesTheRejectionToThePayloadParser()
    {
        var (kind, name, data, _, _) = Read("{\"data\":{\"a\":},\"stream\":\"trade.SOL_USDC\"}");

        Assert.Equal(EnvelopeKind.Data, kind);
        Assert.Equal("trade.SOL_USDC", name);
        Assert.Equal("{\"a\":}", data);
        Assert.Throws<PayloadFormatException>(() => Backpack.WebSockets.Protocol.Payloads.TradeParser.Parse(Encoding.UTF8.GetBytes(data)));
    }

    [Fact]
    public void Read_EscapedStreamName_IsUnescaped()
    {
        var (_, name, _, _, _) = Read("{\"data\":{},\"stream\":\"trade\\u002ESOL_USDC\"}");

        Assert.Equal("trade.SOL_USDC", name);
    }

    [Theory]
    [InlineData("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}", 4006, "Invalid stream")]
    [InlineData("{\"error\":{\"message\":\"Invalid signature\",\"code\":4003},\"id\":null}", 4003, "Invalid signature")]
    [InlineData("{\"id\":null,\"error\":{\"code\":\"4003\",\"message\":null}}", 4003, null)]
    [InlineData("{\"id\":7,\"error\":{\"code\":4000,\"message\":\"x\",\"extra\":{\"a\":1}}}", 4000, "x")]
    public void Read_ErrorFrame_ReturnsCodeAndMessage(string frame, int code, string? message)
    {
        var (kind, _, _, errorCode, errorMessage) = Read(frame);

        Assert.Equal(EnvelopeKind.Error, kind);
        Assert.Equal(code, errorCode);
        Assert.Equal(message, errorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\"}")]
    [InlineData("{\"data\":{}}")]
    [InlineData("{\"stream\":1,\"data\":{}}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":[1]}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":1}")]
    [InlineData("{\"stream\":\"trade.SOL_USDC\",\"data\":{\"a\":}}")]
    public void Read_MalformedFrame_ThrowsPayloadFormatException(string frame)
    {
        Assert.Throws<PayloadFormatException>(() => Read(frame));
    }

    [Fact]
    public void Read_InvalidUtf8_ThrowsPayloadFormatException()
    {
        byte[] frame = [.. "{\"stream\":\"a"u8, 0xFF, .. "\",\"data\":{}}"u8];

        Assert.Throws<PayloadFormatException>(() => EnvelopeReader.Read(frame, new byte[EnvelopeReader.MaxStreamNameBytes]));
    }

    [Fact]
    public void Read_DeeplyNestedUnknownValue_ThrowsPayloadFormatExceptionInsteadOfOverflowing()
    {
        var frame = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + ",\"stream\":\"a\",\"data\":{}}";

        Assert.Throws<PayloadFormatException>(() => Read(frame));
    }

    private static (EnvelopeKind Kind, string Name, string Data, int ErrorCode, string? ErrorMessage) Read(string frame)
    {
        var envelope = EnvelopeReader.Read(Encoding.UTF8.GetBytes(frame), new byte[EnvelopeReader.MaxStreamNameBytes]);
        return (envelope.Kind, Encoding.UTF8.GetString(envelope.StreamName), Encoding.UTF8.GetString(envelope.Data), envelope.ErrorCode, envelope.ErrorMessage);
    }
}
