using Xunit.Abstractions;
using System.Globalization;
using System.Text;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Tests.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.Fuzzing;

/// <summary>
/// Through the client and a fake connection: bad frames interleaved with good ones never stop the receive loop; every good
/// frame is delivered, in order, and every bad one is counted in <see cref="BackpackStreamClient.ParseFailureCount"/>.
/// </summary>
public class ClientFuzzTests(ITestOutputHelper output)
{
    public const int BadFrames = 6_000;

    private const long Sentinel = long.MaxValue;

    [Fact]
    public async Task BadFramesInterleavedWithGoodOnes_EveryGoodDelivered_EveryBadCounted()
    {
        await using var h = ClientHarness.WithCredentials(o =>
        {
            o.StreamCapacity = 100_000;
            o.PrivateStreamCapacity = 100_000;
        });
        var trades = await SubscribeAsync(h, BackpackStreams.Trades("BTC_USDC_PERP"), SpecFrames.TradeFrame);
        var depth = await SubscribeAsync(h, BackpackStreams.Depth("SOL_USDC"), SpecFrames.DepthDocsFrame);
        var orders = await SubscribeAsync(h, BackpackStreams.OrderUpdates("ETH_USDC"), SpecFrames.OrderFillFrame);
        var tradeIds = ReadUntilSentinelAsync(trades, t => t.TradeId);
        var depthIds = ReadUntilSentinelAsync(depth, d => d.LastUpdateId);
        var orderTradeIds = ReadUntilSentinelAsync(orders, o => o.TradeId ?? -1);

        var fuzzer = new FrameFuzzer(7);
        var random = new Random(7);
        string[] seeds = [SpecFrames.TradeFrame, SpecFrames.DepthDocsFrame, SpecFrames.OrderFillFrame];
        var expectedTrades = new List<long>();
        var expectedDepth = new List<long>();
        var expectedOrders = new List<long>();
        var bad = 0;
        long sequence = 1;
        while (bad < BadFrames)
        {
            // About one good frame for every two bad ones, on a random stream.
            if (random.Next(3) == 0)
            {
                var good = random.Next(3);
                var id = sequence++;
                (good == 0 ? expectedTrades : good == 1 ? expectedDepth : expectedOrders).Add(id);
                h.Connection.PushText(GoodFrame(good, id));
                continue;
            }

            // Invalid UTF-8 is a fault of the connection (closed with 1007), not of one frame: a real socket never hands it over.
            var frame = fuzzer.Next(seeds[random.Next(seeds.Length)], out _);
            if (Classify(frame) == Kind.Bad && System.Text.Unicode.Utf8.IsValid(frame))
            {
                h.Connection.PushBytes(frame, System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true);
                bad++;
            }
        }

        for (var stream = 0; stream < 3; stream++)
        {
            h.Connection.PushText(GoodFrame(stream, Sentinel));
        }

        Assert.Equal(expectedTrades, await tradeIds.OrTimeout());
        Assert.Equal(expectedDepth, await depthIds.OrTimeout());
        Assert.Equal(expectedOrders, await orderTradeIds.OrTimeout());
        Assert.Equal(BadFrames, h.Client.ParseFailureCount);
        Assert.Equal(BackpackConnectionState.Connected, h.Client.State);
        Assert.Equal(0, trades.DroppedCount);
        output.WriteLine($"client: {BadFrames} bad frames, {expectedTrades.Count + expectedDepth.Count + expectedOrders.Count} good frames");
    }

    private enum Kind
    {
        Bad,
        Ignored,
        Good,
    }

    /// <summary>A golden frame of stream <paramref name="stream"/> whose id field carries <paramref name="id"/>.</summary>
    private static string GoodFrame(int stream, long id)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        return stream switch
        {
            0 => SpecFrames.TradeFrame.Replace("\"t\":99419870", "\"t\":" + text, StringComparison.Ordinal),
            1 => SpecFrames.DepthDocsFrame.Replace("\"u\":94978271", "\"u\":" + text, StringComparison.Ordinal),
            _ => SpecFrames.OrderFillFrame.Replace("\"t\":2888471", "\"t\":" + text, StringComparison.Ordinal),
        };
    }

    /// <summary>
    /// What the client must do with a damaged frame, decided with the same readers: bad (count it), or ignored (an error frame,
    /// or a stream nobody subscribed to), or good (a mutation that is still valid: not pushed, to keep the expected lists exact).
    /// </summary>
    private static Kind Classify(byte[] frame)
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        scoped Envelope envelope;
        try
        {
            envelope = EnvelopeReader.Read(frame, nameBuffer);
        }
        catch (PayloadFormatException)
        {
            return Kind.Bad;
        }

        if (envelope.Kind == EnvelopeKind.Error)
        {
            return Kind.Ignored;
        }

        Func<byte[], object>? parse = Encoding.UTF8.GetString(envelope.StreamName) switch
        {
            "trade.BTC_USDC_PERP" => d => TradeParser.Parse(d),
            "depth.SOL_USDC" => d => DepthUpdateParser.Parse(d),
            "account.orderUpdate.ETH_USDC" => d => OrderUpdateParser.Parse(d),
            _ => null,
        };
        if (parse is null)
        {
            return Kind.Ignored;
        }

        try
        {
            parse(envelope.Data.ToArray());
            return Kind.Good;
        }
        catch (PayloadFormatException)
        {
            return Kind.Bad;
        }
    }

    private static async Task<BackpackSubscription<T>> SubscribeAsync<T>(ClientHarness h, BackpackStream<T> stream, string confirmingFrame)
    {
        var pending = h.Client.SubscribeAsync(stream);
        await h.ReadRequestAsync();
        h.Connection.PushText(confirmingFrame);
        var subscription = await pending.OrTimeout();
        return subscription;
    }

    private static async Task<List<long>> ReadUntilSentinelAsync<T>(BackpackSubscription<T> subscription, Func<T, long> id)
    {
        var ids = new List<long>();
        var first = true;
        await foreach (var item in subscription)
        {
            if (first)
            {
                // The frame that confirmed the subscription.
                first = false;
                continue;
            }

            var value = id(item);
            if (value == Sentinel)
            {
                break;
            }

            ids.Add(value);
        }

        return ids;
    }
}
