using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Connections;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backpack.WebSockets.Tests.Connections;

/// <summary>The subscribe-request queue on its own, with a socket whose sends fail.</summary>
public sealed class SubscribeRequestQueueTests
{
    [Fact]
    public async Task UnsubscribeWhoseSendFails_StillCompletes_SoAReleaseNeverHangs()
    {
        var time = new ObservableTimeProvider();
        var sends = 0;
        using var queue = new SubscribeRequestQueue(
            (_, _) =>
            {
                // The first frame (the SUBSCRIBE) goes out; the socket is gone when the UNSUBSCRIBE follows.
                return Interlocked.Increment(ref sends) == 1 ? Task.CompletedTask : Task.FromException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
            },
            (_, _) => { },
            time,
            TimeSpan.FromSeconds(1),
            NullLogger.Instance);
        var registration = new StreamRegistration<string>("trade.SOL_USDC", static data => Encoding.UTF8.GetString(data));
        using var stop = new CancellationTokenSource();
        var pump = queue.RunAsync(stop.Token);

        var answered = queue.EnqueueSubscribe(registration);
        await WaitUntilAsync(() => registration.SubscribeSent);
        queue.OnData(registration);
        await answered.OrTimeout();
        registration.IsRemoved = true;
        var unsubscribed = queue.EnqueueUnsubscribe(registration);

        await Assert.ThrowsAsync<WebSocketException>(() => pump.OrTimeout());
        await unsubscribed.OrTimeout();
        Assert.Equal(2, sends);
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));
}
