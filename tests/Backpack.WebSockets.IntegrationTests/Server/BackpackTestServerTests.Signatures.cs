using System.Text.Json;
using Backpack.WebSockets.IntegrationTests.Infrastructure;
using Backpack.WebSockets.Testing;

namespace Backpack.WebSockets.IntegrationTests.Server;

public sealed partial class BackpackTestServerTests
{
    private static long NowMs => s_start.ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("account.orderUpdate")]
    [InlineData("account.orderUpdate.SOL_USDC")]
    [InlineData("account.positionUpdate")]
    [InlineData("account.positionUpdate.BTC_USDC_PERP")]
    [InlineData("account.balanceUpdate")]
    [InlineData("account.rfqUpdate")]
    [InlineData("account.rfqUpdate.SOL_USDC")]
    public async Task PrivateSubscribe_SignedWithTheConfiguredKey_IsAccepted(string stream)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), stream);
        var request = await server.WaitForRequestAsync(r => r.IsSubscribe(stream)).OrTimeout();

        Assert.Null(request.ErrorCode);
        Assert.True(request.HasSignature);
        Assert.True(server.HasSubscribers(stream));
    }

    [Theory]
    [InlineData("account.balanceUpdate.SOL_USDC")]
    [InlineData("account.orderUpdate.NOPE_USDC")]
    [InlineData("account.fills")]
    public async Task PrivateSubscribe_InvalidName_Answers4006(string stream)
    {
        await using var server = await StartServerAsync(options => options.RejectUnknownSymbols = true);
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), stream);

        Assert.Equal(BackpackErrorCodes.InvalidStream, Frames.Error(await socket.ReceiveJsonAsync()).Code);
    }

    [Fact]
    public async Task PrivateSubscribe_WithoutSignature_Answers4003()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeAsync("account.orderUpdate");

        Assert.Equal((4003, "Invalid signature"), Frames.Error(await socket.ReceiveJsonAsync()));
        Assert.Empty(server.ActiveSubscriptions);
    }

    public static TheoryData<string, string> BadSignatures()
    {
        var now = NowMs;
        var good = TestKeys.SignSubscribe(now, 5000);
        using var other = TestKeys.CreateOtherKey();
        var byOther = TestKeys.SignSubscribe(other, now, 5000);
        return new TheoryData<string, string>
        {
            { "other key", JsonSerializer.Serialize(byOther) },
            { "right key, signed by another", JsonSerializer.Serialize(new[] { TestKeys.PublicKey, byOther[1], byOther[2], byOther[3] }) },
            { "garbage signature", JsonSerializer.Serialize(new[] { good[0], "AAAA", good[2], good[3] }) },
            { "signature of other text", JsonSerializer.Serialize(new[] { good[0], good[1], (now + 1).ToString(), good[3] }) },
            { "expired", JsonSerializer.Serialize(TestKeys.SignSubscribe(now - 10_000, 5000)) },
            { "too far in the future", JsonSerializer.Serialize(TestKeys.SignSubscribe(now + 60_000, 5000)) },
            { "window over 60000", JsonSerializer.Serialize(TestKeys.SignSubscribe(now, 60_001)) },
            { "window zero", JsonSerializer.Serialize(TestKeys.SignSubscribe(now, 0)) },
            { "numbers, not strings", $"[\"{good[0]}\",\"{good[1]}\",{good[2]},{good[3]}]" },
            { "three elements", JsonSerializer.Serialize(good[..3]) },
            { "not an array", "\"signature\"" },
            { "null", "null" },
        };
    }

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task PrivateSubscribe_BadSignature_Answers4003(string because, string signatureJson)
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SendTextAsync($$"""{"method":"SUBSCRIBE","params":["account.orderUpdate"],"signature":{{signatureJson}}}""");

        Assert.True(Frames.Error(await socket.ReceiveJsonAsync()).Code == 4003, because);
        var request = await server.WaitForRequestAsync(r => r.Method == "SUBSCRIBE").OrTimeout();
        Assert.True(request.HasSignature);
        Assert.Empty(server.ActiveSubscriptions);
    }

    [Fact]
    public async Task PrivateSubscribe_WithinWindowAndSkew_IsAccepted()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        // Signed 59 s ago with the largest window, and one signed 4 s ahead (default skew is 5 s).
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs - 59_000, 60_000), "account.orderUpdate");
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs + 4_000, 5_000), "account.balanceUpdate");
        await server.WaitForRequestAsync(r => r.IsSubscribe("account.balanceUpdate")).OrTimeout();

        Assert.All(server.Requests, r => Assert.Null(r.ErrorCode));
    }

    [Fact]
    public async Task PrivateSubscribe_ClockOffset_ShiftsTheServerNow()
    {
        await using var server = await StartServerAsync(options => options.ClockOffset = TimeSpan.FromMinutes(5));
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), "account.orderUpdate");
        Assert.Equal(4003, Frames.Error(await socket.ReceiveJsonAsync()).Code);
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(server.UtcNow.ToUnixTimeMilliseconds(), 5000), "account.orderUpdate");
        await server.WaitForSubscriptionAsync("account.orderUpdate").OrTimeout();
    }

    [Fact]
    public async Task PrivateSubscribe_NoApiKeyConfigured_AlwaysAnswers4003()
    {
        await using var server = await StartServerAsync(options => options.ApiPublicKey = null);
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);

        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), "account.orderUpdate");

        Assert.Equal(4003, Frames.Error(await socket.ReceiveJsonAsync()).Code);
    }

    [Fact]
    public async Task PrivateUnsubscribe_Unsigned_IsAccepted()
    {
        await using var server = await StartServerAsync();
        await using var socket = await TestSocket.ConnectAsync(server.WebSocketUri);
        await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(NowMs, 5000), "account.orderUpdate");
        await server.WaitForSubscriptionAsync("account.orderUpdate").OrTimeout();

        await socket.UnsubscribeAsync("account.orderUpdate");
        var request = await server.WaitForRequestAsync(r => r.IsUnsubscribe("account.orderUpdate")).OrTimeout();

        Assert.Null(request.ErrorCode);
        Assert.Empty(server.ActiveSubscriptions);
    }

    [Fact]
    public void Constructor_InvalidApiPublicKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BackpackTestServer(new BackpackTestServerOptions { ApiPublicKey = "AAAA" }));
    }
}
