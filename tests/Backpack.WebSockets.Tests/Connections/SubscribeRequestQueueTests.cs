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

    [Fact]
    public async Task ProbeOfBothKinds_WhoseSecondFrameAnErrorOvertook_SendsThatFrameStreamsNormally()
    {
        var time = new ObservableTimeProvider();
        var frames = new List<RequestFrame>();
        SubscribeRequestQueue? queue = null;
        queue = new SubscribeRequestQueue(
            (frame, _) =>
            {
                lock (frames)
                {
                    frames.Add(frame);

                    // The probe's public half goes out and the server rejects it at once, before its private half is sent.
                    if (frames.Count == 3)
                    {
                        queue!.OnError(4006, "Invalid stream");
                    }
                }

                return Task.CompletedTask;
            },
            (_, _) => { },
            time,
            TimeSpan.FromSeconds(1),
            NullLogger.Instance);
        using (queue)
        {
            var bad = Registration("trade.BAD");
            var privates = new[] { Registration("account.orderUpdate"), Registration("account.positionUpdate"), Registration("account.balanceUpdate") };
            // Queued before the pump starts, so they go out as exactly one public and one private frame: a pump already
            // running could send the first private stream alone and the next two in a third frame.
            var badAnswer = queue.EnqueueSubscribe(bad);
            var answers = privates.Select(queue.EnqueueSubscribe).ToArray();
            using var stop = new CancellationTokenSource();
            var pump = queue.RunAsync(stop.Token);
            await WaitUntilAsync(() => FrameCount(frames) == 2);

            // Four in flight (one public frame, one private): the error is narrowed to the first half, [trade.BAD, orderUpdate].
            queue.OnError(4006, "Invalid stream");
            await badAnswer.OrTimeout();
            await WaitUntilAsync(() => FrameCount(frames) == 4);
            await time.WaitForTimerAsync(TimeSpan.FromSeconds(1), alreadySeen: 2);
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAll(answers).OrTimeout();

            lock (frames)
            {
                Assert.Equal(["trade.BAD"], frames[2].Streams);
                Assert.Equal(privates.Select(p => p.Name).Order(), frames[3].Streams.Order());
                Assert.True(frames[3].Signed);
            }

            Assert.All(privates, p => Assert.True(p.Accepted.IsCompletedSuccessfully, p.Name));
            Assert.False(bad.Accepted.IsCompletedSuccessfully);
            await stop.CancelAsync();
            await pump.OrTimeout();
        }
    }

    private static StreamRegistration<string> Registration(string name) => new(name, static data => Encoding.UTF8.GetString(data));

    private static int FrameCount(List<RequestFrame> frames)
    {
        lock (frames)
        {
            return frames.Count;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(condition, TestTimeouts.Hang)));
}
