using System.Text.Json;
using System.Threading.Channels;
using Backpack.WebSockets.Benchmarks.Naive;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>
/// The naive path, what translating Backpack's Python guide gives: <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the frame, the stream name as a string, a dictionary of handlers, reflection <see cref="JsonSerializer"/> on
/// <c>data</c>, and a channel to the consumer.
/// </summary>
internal sealed class NaiveRouter
{
    private readonly Dictionary<string, Func<JsonElement, object?>> _handlers = new(StringComparer.Ordinal)
    {
        [Frames.RecordedFrames.TradeStream] = static data => data.Deserialize<NaiveTrade>(NaiveJson.Options),
        [Frames.RecordedFrames.BookTickerStream] = static data => data.Deserialize<NaiveBookTicker>(NaiveJson.Options),
        [Frames.RecordedFrames.DepthStream] = static data => data.Deserialize<NaiveDepth>(NaiveJson.Options),
        [Frames.RecordedFrames.OrderFillStream] = static data => data.Deserialize<NaiveOrderUpdate>(NaiveJson.Options),
    };

    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Routes one frame and reads the item back from the consumer's channel.</summary>
    public object? RouteAndRead(ReadOnlyMemory<byte> frame)
    {
        using (var document = JsonDocument.Parse(frame))
        {
            var root = document.RootElement;
            var stream = root.GetProperty("stream").GetString()!;
            if (!_handlers.TryGetValue(stream, out var handler) || handler(root.GetProperty("data")) is not { } item)
            {
                return null;
            }

            _channel.Writer.TryWrite(item);
        }

        return _channel.Reader.TryRead(out var read) ? read : null;
    }
}
