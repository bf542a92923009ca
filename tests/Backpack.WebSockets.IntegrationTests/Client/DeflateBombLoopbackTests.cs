using Backpack.WebSockets.IntegrationTests.Infrastructure;

namespace Backpack.WebSockets.IntegrationTests.Client;

/// <summary>
/// <see cref="BackpackStreamClientOptions.MaxMessageSize"/> bounds the <b>inflated</b> message: a small compressed frame that
/// inflates past it fails with MessageTooLarge and never grows memory. Alone in its collection, because it measures the
/// process's allocations.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class DeflateBombLoopbackTests
{
    [Fact]
    public async Task Client_DeflateBomb_FailsWithMessageTooLargeWithoutGrowingMemory()
    {
        const int MaxMessageSize = 1024 * 1024;
        const long BombSize = 64L * 1024 * 1024;
        await using var server = await CompressionLoopbackTests.StartServerAsync(enableCompression: true);
        await using var client = new BackpackStreamClient(new BackpackStreamClientOptions
        {
            Endpoint = server.WebSocketUri,
            MaxMessageSize = MaxMessageSize,
            ReconnectPolicy = BackpackReconnectPolicy.Never,
            SubscribeErrorWindow = TimeSpan.FromSeconds(30),
        });
        var pending = client.SubscribeAsync(BackpackStreams.Depth("SOL_USDC"));
        await server.WaitForSubscriptionAsync("depth.SOL_USDC").OrTimeout();
        await server.PublishAsync("depth.SOL_USDC", """{"E":1694687965941000,"T":1694687965940999,"U":1,"a":[],"b":[],"e":"depth","s":"SOL_USDC","u":1}""").OrTimeout();
        await using var depth = await pending.OrTimeout();
        await using var reader = depth.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync().AsTask().OrTimeout());
        var connectionId = server.Requests.Single().ConnectionId;
        var wireBefore = server.GetWireBytesSent(connectionId)!.Value;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        await server.SendCompressionBombAsync(BombSize).OrTimeout();
        var error = await Assert.ThrowsAsync<BackpackStreamException>(async () =>
        {
            while (await reader.MoveNextAsync().AsTask().OrTimeout())
            {
            }
        });

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var wire = server.GetWireBytesSent(connectionId)!.Value - wireBefore;
        Assert.Equal(BackpackStreamErrorCode.MessageTooLarge, error.ErrorCode);

        // What crossed the wire is far below the limit, what it inflates to far above: the inflated size was bounded...
        Assert.True(wire < MaxMessageSize, $"{wire} bytes on the wire: not a small frame.");

        // ...and nothing near the bomb's size was ever allocated (the reader's buffer stops one byte past the maximum).
        Assert.True(allocated < BombSize / 4, $"{allocated} bytes allocated while a {BombSize}-byte message was refused.");
    }
}
