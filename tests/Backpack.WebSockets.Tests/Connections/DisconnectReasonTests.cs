using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>Every fault has a name: the error on <c>Reconnecting</c> says why the connection went, and the client closes with the RFC 6455 code.</summary>
public sealed class DisconnectReasonTests
{
    [Fact]
    public async Task OversizedMessage_ClosesWith1009_AndReconnectsForMessageTooLarge()
    {
        await using var h = new ClientHarness(o => o.MaxMessageSize = 1024);
        var (reasons, lost) = await SubscribeAndRecordAsync(h);

        lost.PushText(TestStreams.Frame("trade.SOL_USDC", "{\"pad\":\"" + new string('x', 2000) + "\"}"));
        var error = await NextReasonAsync(reasons);

        Assert.Equal(BackpackStreamErrorCode.MessageTooLarge, error.ErrorCode);
        Assert.Contains("Connection 1 (1 stream(s))", error.Message, StringComparison.Ordinal);
        await WaitUntilAsync(() => lost.SentCloseStatus is not null);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, lost.SentCloseStatus);
    }

    [Fact]
    public async Task InvalidUtf8_ClosesWith1007_AndReconnectsForAProtocolViolation()
    {
        await using var h = new ClientHarness();
        var (reasons, lost) = await SubscribeAndRecordAsync(h);

        lost.PushBytes([.. "{\"stream\":\"trade.SOL_USDC\",\"data\":{\"p\":\""u8, 0xFF, 0xFE, .. "\"}}"u8], WebSocketMessageType.Text, endOfMessage: true);
        var error = await NextReasonAsync(reasons);

        Assert.Equal(BackpackStreamErrorCode.ProtocolViolation, error.ErrorCode);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        await WaitUntilAsync(() => lost.SentCloseStatus is not null);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, lost.SentCloseStatus);
    }

    [Fact]
    public async Task BinaryFrame_ClosesWith1003_AndReconnectsForAProtocolViolation()
    {
        await using var h = new ClientHarness();
        var (reasons, lost) = await SubscribeAndRecordAsync(h);

        lost.PushBytes(Encoding.UTF8.GetBytes(TestStreams.Frame("trade.SOL_USDC", "{}")), WebSocketMessageType.Binary, endOfMessage: true);
        var error = await NextReasonAsync(reasons);

        Assert.Equal(BackpackStreamErrorCode.ProtocolViolation, error.ErrorCode);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        await WaitUntilAsync(() => lost.SentCloseStatus is not null);
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, lost.SentCloseStatus);
    }

    [Fact]
    public async Task KeepAliveTimeout_DeepInTheExceptionChain_IsNamedAtTheTop()
    {
        await using var h = new ClientHarness();
        var (reasons, lost) = await SubscribeAndRecordAsync(h);

        // As ClientWebSocket reports a pong that never came: the timeout sits several inner exceptions down.
        var timeout = new TimeoutException("The keep-alive pong did not arrive in time.");
        lost.Fail(new WebSocketException(WebSocketError.Faulted, new IOException("aborted", new OperationCanceledException("cancelled", timeout))));
        var error = await NextReasonAsync(reasons);

        Assert.Equal(BackpackStreamErrorCode.KeepAliveTimeout, error.ErrorCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ServerClose_AndAReset_EachGiveTheirOwnReason()
    {
        await using var h = new ClientHarness();
        var (reasons, first) = await SubscribeAndRecordAsync(h);

        first.PushClose(WebSocketCloseStatus.EndpointUnavailable, "restarting");
        var closed = await NextReasonAsync(reasons);
        var second = await h.Connector.WaitForConnectionAsync(1).OrTimeout();
        await second.ReadSentAsync().OrTimeout();
        second.PushText(TestStreams.Frame("trade.SOL_USDC", "{}"));
        await h.WaitForEventAsync("Reconnected");
        second.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "reset by peer"));
        var reset = await NextReasonAsync(reasons);

        Assert.Equal(BackpackStreamErrorCode.ServerClosed, closed.ErrorCode);
        Assert.Equal(((int)WebSocketCloseStatus.EndpointUnavailable, "restarting"), (closed.CloseStatus, closed.CloseStatusDescription));
        Assert.Equal(BackpackStreamErrorCode.ConnectionLost, reset.ErrorCode);
        Assert.Null(reset.CloseStatus);
        Assert.Contains("reset by peer", reset.Message, StringComparison.Ordinal);
    }

    /// <summary>Subscribes one stream and records the error of every <c>Reconnecting</c> event.</summary>
    private static async Task<(System.Threading.Channels.Channel<BackpackReconnectingEventArgs> Reasons, FakeWebSocketConnection Connection)> SubscribeAndRecordAsync(ClientHarness h)
    {
        var reasons = System.Threading.Channels.Channel.CreateUnbounded<BackpackReconnectingEventArgs>();
        h.Client.Reconnecting += args =>
        {
            reasons.Writer.TryWrite(args);
            return Task.CompletedTask;
        };
        await h.SubscribeConfirmedAsync("trade.SOL_USDC");
        return (reasons, h.Connection);
    }

    private static async Task<BackpackStreamException> NextReasonAsync(System.Threading.Channels.Channel<BackpackReconnectingEventArgs> reasons)
    {
        var args = await reasons.Reader.ReadAsync().AsTask().OrTimeout();
        Assert.Equal(["trade.SOL_USDC"], args.Streams);
        return Assert.IsType<BackpackStreamException>(args.Error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));
}
