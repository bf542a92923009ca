using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>The error codes the exchange is seen to send (spec §3.4), each a typed error on the request it answers, the connection up.</summary>
public sealed class ServerErrorCodeTests
{
    [Theory]
    [InlineData("depth.100ms.SOL_USDC", 4008, "Invalid depth window", BackpackStreamErrorCode.SubscriptionRejected)]
    [InlineData("nope.SOL_USDC", 4006, "Invalid stream", BackpackStreamErrorCode.SubscriptionRejected)]
    [InlineData("trade.SOL_USDC", 4002, "Parse error", BackpackStreamErrorCode.ProtocolViolation)]
    public async Task ErrorFrame_FailsTheRequestItAnswers_WithItsTypedError_AndTheConnectionStaysUp(string stream, int code, string message, BackpackStreamErrorCode expected)
    {
        await using var h = new ClientHarness();
        var (trades, _) = await h.SubscribeConfirmedAsync("trade.BTC_USDC", "{\"id\":1}");

        var pending = h.Client.SubscribeAsync(TestStreams.Raw(stream));
        await h.ReadRequestAsync();
        h.Connection.PushText($"{{\"id\":null,\"error\":{{\"code\":{code},\"message\":\"{message}\"}}}}");

        var error = await Assert.ThrowsAsync<BackpackStreamException>(() => pending.OrTimeout());
        Assert.Equal((expected, code, stream), (error.ErrorCode, error.ServerCode, error.StreamName));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        h.Connection.PushText(TestStreams.Frame("trade.BTC_USDC", "{\"id\":2}"));
        Assert.Equal(["{\"id\":1}", "{\"id\":2}"], await SubscriptionReads.ReadAsync(trades, 2));
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Single(h.Connector.Connections);
    }
}
