using Backpack.WebSockets.Tests.Fakes;

namespace Backpack.WebSockets.Tests;

public class LoggingTests
{
    [Fact]
    public async Task FullPrivateSession_NeverLogsTheSecretOrASignature()
    {
        var h = ClientHarness.WithCredentials();
        var signatures = new List<string>();

        // Subscribe, get rejected once, subscribe again, receive, unsubscribe, lose the connection, reconnect, dispose.
        var rejected = h.Client.SubscribeAsync(TestStreams.Raw("account.orderUpdate"));
        signatures.Add((await h.ReadRequestAsync()).GetProperty("signature")[1].GetString()!);
        h.Connection.PushText("{\"id\":null,\"error\":{\"code\":4003,\"message\":\"Invalid signature\"}}");
        await Assert.ThrowsAsync<BackpackStreamException>(() => rejected.OrTimeout());

        var (orders, request) = await h.SubscribeConfirmedAsync("account.orderUpdate");
        signatures.Add(request.GetProperty("signature")[1].GetString()!);
        h.Connection.PushText("garbage");
        await orders.DisposeAsync().OrTimeout();
        await h.ReadRequestAsync();
        h.Connection.Fail(new System.Net.WebSockets.WebSocketException("drop"));
        await h.WaitForEventAsync("Reconnected");
        var (_, again) = await h.SubscribeConfirmedAsync("account.balanceUpdate");
        signatures.Add(again.GetProperty("signature")[1].GetString()!);
        await h.Client.DisposeAsync().OrTimeout();

        var log = string.Join("\n", h.Logs.Entries);
        Assert.Contains("account.orderUpdate", log);
        Assert.Contains("[SubscriptionRejected]", log);
        Assert.DoesNotContain(TestKeys.SecretSeed, log);
        Assert.DoesNotContain(TestKeys.SecretSeed[..12], log);
        Assert.All(signatures, signature => Assert.DoesNotContain(signature, log));
        Assert.All(signatures, signature => Assert.DoesNotContain(signature[..16], log));
        Assert.DoesNotContain(TestKeys.SecretSeed, h.Client.Options.ToString());
    }
}
