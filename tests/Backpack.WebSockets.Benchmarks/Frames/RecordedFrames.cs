using System.Globalization;
using System.Text;

namespace Backpack.WebSockets.Benchmarks.Frames;

/// <summary>
/// Frames recorded in the spec (the same text as the unit tests' <c>SpecFrames</c>), as UTF-8 bytes. The depth frame keeps
/// the spec's shape and key order but carries 20 levels per side, the size the issue asks for.
/// </summary>
public static class RecordedFrames
{
    public const string TradeStream = "trade.BTC_USDC_PERP";

    public const string BookTickerStream = "bookTicker.SOL_USDC";

    public const string DepthStream = "depth.SOL_USDC";

    public const string OrderFillStream = "account.orderUpdate.ETH_USDC";

    public const string TradeText = """{"data":{"E":1790915531026313,"T":1790915531025000,"a":"66605319496","b":"66605329178","e":"trade","m":false,"p":"86642.9","q":"0.07206","s":"BTC_USDC_PERP","t":99419870},"stream":"trade.BTC_USDC_PERP"}""";

    public const string BookTickerText = """{"data":{"A":"22.39","B":"288.77","E":1788367430247487,"T":1788367430246081,"a":"98.97","b":"98.96","e":"bookTicker","s":"SOL_USDC","u":4330360995},"stream":"bookTicker.SOL_USDC"}""";

    public const string OrderFillText = """{"stream":"account.orderUpdate.ETH_USDC","data":{"E":1754939110175879,"L":"4299.16","N":"ETH","O":"USER","Q":"4.30","S":"Bid","T":1754939110174705,"V":"RejectTaker","X":"Filled","Z":"4.299160","e":"orderFill","f":"GTC","i":"5406825793","l":"0.0010","m":false,"n":"0.000001","o":"MARKET","q":"0.0010","r":false,"s":"ETH_USDC","t":2888471,"z":"0.0010"}}""";

    public static readonly byte[] Trade = Encoding.UTF8.GetBytes(TradeText);

    public static readonly byte[] BookTicker = Encoding.UTF8.GetBytes(BookTickerText);

    public static readonly byte[] Depth20 = Encoding.UTF8.GetBytes(BuildDepth(20));

    public static readonly byte[] OrderFill = Encoding.UTF8.GetBytes(OrderFillText);

    /// <summary>The frame of <paramref name="kind"/>.</summary>
    public static byte[] Of(FrameKind kind) => kind switch
    {
        FrameKind.Trade => Trade,
        FrameKind.BookTicker => BookTicker,
        FrameKind.Depth20 => Depth20,
        FrameKind.OrderFill => OrderFill,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown frame kind."),
    };

    /// <summary>The stream name the frame of <paramref name="kind"/> carries.</summary>
    public static string StreamOf(FrameKind kind) => kind switch
    {
        FrameKind.Trade => TradeStream,
        FrameKind.BookTicker => BookTickerStream,
        FrameKind.Depth20 => DepthStream,
        FrameKind.OrderFill => OrderFillStream,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown frame kind."),
    };

    /// <summary>
    /// Trade frames for the loopback runs: the recorded frame with the trade id counting up, so the sender pushes
    /// distinct messages of the recorded size and shape.
    /// </summary>
    public static byte[][] TradeSequence(int count)
    {
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            frames[i] = Encoding.UTF8.GetBytes(TradeText.Replace("\"t\":99419870", "\"t\":" + (99419870 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return frames;
    }

    private static string BuildDepth(int levelsPerSide)
    {
        static string Side(decimal start, decimal step, int count)
        {
            var levels = new string[count];
            for (var i = 0; i < count; i++)
            {
                var price = (start + (step * i)).ToString("0.00", CultureInfo.InvariantCulture);
                var quantity = (0.125m + (i * 1.375m)).ToString("0.000", CultureInfo.InvariantCulture);
                levels[i] = $"[\"{price}\",\"{quantity}\"]";
            }

            return "[" + string.Join(",", levels) + "]";
        }

        return "{\"stream\":\"depth.SOL_USDC\",\"data\":{\"e\":\"depth\",\"E\":1694687965941000,\"s\":\"SOL_USDC\"," +
            $"\"a\":{Side(18.70m, 0.01m, levelsPerSide)},\"b\":{Side(18.67m, -0.01m, levelsPerSide)}," +
            "\"U\":94978271,\"u\":94978290,\"T\":1694687965940999}}";
    }
}
