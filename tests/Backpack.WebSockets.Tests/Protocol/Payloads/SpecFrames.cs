using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>The example frames of the spec (§6.1–§7.5), verbatim, and helpers to cut out their <c>data</c> object.</summary>
internal static class SpecFrames
{
    public const string BookTickerFrame = """{"data":{"A":"22.39","B":"288.77","E":1788367430247487,"T":1788367430246081,"a":"98.97","b":"98.96","e":"bookTicker","s":"SOL_USDC","u":4330360995},"stream":"bookTicker.SOL_USDC"}""";

    public const string DepthDocsFrame = """{"stream":"depth.SOL_USDC","data":{"e":"depth","E":1694687965941000,"s":"SOL_USDC","a":[["18.70","0.000"]],"b":[["18.67","0.832"],["18.68","0.000"]],"U":94978271,"u":94978271,"T":1694687965940999}}""";

    public const string DepthAggregatedFrame = """{"data":{"E":1736257764052341,"T":1736257764022406,"U":1803724440,"a":[["214.50","0.13"]],"b":[["214.07","21.41"]],"e":"depth","s":"SOL_USDC","u":1803724442},"stream":"depth.200ms.SOL_USDC"}""";

    public const string TradeFrame = """{"data":{"E":1790915531026313,"T":1790915531025000,"a":"66605319496","b":"66605329178","e":"trade","m":false,"p":"86642.9","q":"0.07206","s":"BTC_USDC_PERP","t":99419870},"stream":"trade.BTC_USDC_PERP"}""";

    public const string TickerFrame = """{"data":{"E":1788367430549233,"V":"1498114.9234","c":"98.98","e":"ticker","h":"101.19","l":"97.38","n":6796,"o":"100.87","s":"SOL_USDC","v":"15089.56"},"stream":"ticker.SOL_USDC"}""";

    public const string KlineFrame = """{"stream":"kline.2h.ETH_USDC","data":{"E":1754519557526056,"T":"2025-08-07T00:00:00","X":false,"c":"3680.520000000","e":"kline","h":"3681.370000000","l":"3667.650000000","n":255,"o":"3670.150000000","s":"ETH_USDC","t":"2025-08-06T22:00:00","v":"62.2621000"}}""";

    public const string MarkPriceFrame = """{"data":{"E":1791043256641414,"T":1791043256640942,"e":"markPrice","f":"0.0000125","i":"84856.2053036","n":1791046800000,"p":"84827.2","s":"BTC_USDC_PERP"},"stream":"markPrice.BTC_USDC_PERP"}""";

    public const string OpenInterestFrame = """{"stream":"openInterest.SOL_USDC_PERP","data":{"e":"openInterest","E":1694687965941000,"s":"SOL_USDC_PERP","o":"100"}}""";

    public const string LiquidationFrame = """{"stream":"liquidation","data":{"e":"liquidation","E":1694688638091000,"q":"10","p":"18.70","S":"Bid","s":"SOL_USDC","T":567}}""";

    public const string OrderAcceptedFrame = """{"data":{"E":1788368290063153,"O":"USER","Q":"20.1520","S":"Ask","T":1788368290062979,"V":"RejectTaker","X":"New","Z":"0","e":"orderAccepted","f":"GTC","i":"59887375336","o":"LIMIT","p":"1.0076","q":"20","r":false,"s":"USDT_USDC","t":null,"y":true,"z":"0"},"stream":"account.orderUpdate"}""";

    public const string OrderFillFrame = """{"stream":"account.orderUpdate.ETH_USDC","data":{"E":1754939110175879,"L":"4299.16","N":"ETH","O":"USER","Q":"4.30","S":"Bid","T":1754939110174705,"V":"RejectTaker","X":"Filled","Z":"4.299160","e":"orderFill","f":"GTC","i":"5406825793","l":"0.0010","m":false,"n":"0.000001","o":"MARKET","q":"0.0010","r":false,"s":"ETH_USDC","t":2888471,"z":"0.0010"}}""";

    public const string PositionLiveFrame = """{"stream":"account.positionUpdate","data":{"B":"4236.36","E":1754943862040486,"M":"4235.88650933","P":"-0.000473","Q":"0.0010","T":1754943862040487,"b":"4238.479","e":"positionOpened","f":"0.02","i":5411399049,"l":"0","m":"0.0125","n":"4.23588650933","p":"0","q":"0.0010","s":"ETH_USDC_PERP"}}""";

    /// <summary>The DOCS example of §7.3 (numbers for b B f M m q Q n, string i), wrapped.</summary>
    public const string PositionDocsFrame = """{"stream":"account.positionUpdate","data":{"e":"positionOpened","E":1694687692980000,"s":"SOL_USDC_PERP","b":123,"B":122,"f":0.5,"M":122,"m":0.01,"q":5,"Q":6,"n":732,"i":"1111343026172067","p":"-1","P":"0","T":1694687692989999}}""";

    public const string BalanceFrame = """{"data":{"A":"10","E":1788368290063168,"L":"20","S":"0","T":1788368290062981,"a":"USDT","e":"balanceUpdate"},"stream":"account.balanceUpdate"}""";

    public const string RfqFrame = """{"stream":"account.rfqUpdate","data":{"e":"rfqActive","E":1730225420369829,"R":113392053149171712,"s":"SOL_USDC_RFQ","q":"10","w":1730225480368,"W":1730225540368,"X":"New","T":1730225420368765}}""";

    /// <summary>
    /// The closing message of a one-minute candle without trades, as the live capture of spec §6.5 describes it (BBGO WS
    /// fixture, 2026-09-02): <c>n</c> 0, <c>X</c> true, all of <c>o</c>, <c>c</c>, <c>h</c>, <c>l</c>, <c>v</c> JSON null, keys in
    /// the capture's order (<c>E,e,s,T,X,c,h,l,n,o,t,v</c>). The spec quotes the shape, not the bytes; times are illustrative.
    /// </summary>
    public const string KlineEmptyCandleFrame = """{"data":{"E":1788368460000512,"e":"kline","s":"SOL_USDC","T":"2026-09-02T17:41:00","X":true,"c":null,"h":null,"l":null,"n":0,"o":null,"t":"2026-09-02T17:40:00","v":null},"stream":"kline.1m.SOL_USDC"}""";

    /// <summary>
    /// An <c>externalTicker</c> frame built from the key table of spec §6.9 (no example frame exists in any source): the
    /// single-letter keys of <c>ticker</c>, decimals as strings, no <c>n</c>.
    /// </summary>
    public const string ExternalTickerFrame = """{"data":{"E":1790915531026313,"V":"4312877.1250","c":"112.48","e":"externalTicker","h":"114.90","l":"108.02","o":"109.75","s":"MU.US_USDC","v":"38311.20"},"stream":"externalTicker.MU.US_USDC"}""";

    /// <summary>
    /// A <c>stockPrice</c> frame built from the key table of spec §6.10 (no example frame exists): long key names,
    /// <c>timestamp</c> in Unix milliseconds.
    /// </summary>
    public const string StockPriceFrame = """{"data":{"ask":"181.27","bid":"181.25","mid":"181.26","session":"regular","symbol":"NVDA","timestamp":1790915531026},"stream":"stockPrice.NVDA"}""";

    /// <summary>A <c>stockIndicativeQuote</c> frame with the three confirmed keys of spec §6.11 (no example frame exists).</summary>
    public const string StockIndicativeQuoteFrame = """{"data":{"estimatedAsk":"181.4100","estimatedBid":"181.0900","session":"regular"},"stream":"stockIndicativeQuote.NVDA"}""";

    /// <summary>The UTF-8 bytes of a full frame's <c>data</c> value, exactly as it appears on the wire.</summary>
    public static byte[] DataOf(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty("data").GetRawText());
    }

    /// <summary>The stream name of a full frame.</summary>
    public static string StreamOf(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.GetProperty("stream").GetString()!;
    }

    /// <summary>UTF-8 bytes of a payload written inline in a test.</summary>
    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>
    /// Rewrites a frame's <c>data</c> object: <paramref name="edit"/> gets the properties in wire order (name, raw JSON
    /// value) and returns the ones to write.
    /// </summary>
    public static byte[] EditData(string frame, Func<List<KeyValuePair<string, string>>, IEnumerable<KeyValuePair<string, string>>> edit)
    {
        using var document = JsonDocument.Parse(frame);
        var properties = document.RootElement.GetProperty("data").EnumerateObject()
            .Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetRawText()))
            .ToList();
        var body = string.Join(",", edit(properties).Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}"));
        return Utf8("{" + body + "}");
    }

    /// <summary>Replaces (or adds) one property's raw JSON value in a frame's <c>data</c>; <see langword="null"/> removes it.</summary>
    public static byte[] WithField(string frame, string name, string? rawValue) =>
        EditData(frame, properties =>
        {
            var index = properties.FindIndex(p => p.Key == name);
            if (index >= 0)
            {
                properties.RemoveAt(index);
            }

            if (rawValue is not null)
            {
                properties.Insert(Math.Max(index, 0), new(name, rawValue));
            }

            return properties;
        });

    /// <summary>
    /// Asserts that <paramref name="parse"/> rejects <paramref name="frame"/> with <paramref name="key"/> set to
    /// <paramref name="rawValue"/> (<see langword="null"/>: removed), with a message naming the field.
    /// </summary>
    public static void AssertRejected(Func<byte[], object> parse, string frame, string key, string? rawValue)
    {
        var ex = Assert.Throws<Backpack.WebSockets.Protocol.PayloadFormatException>(() => parse(WithField(frame, key, rawValue)));

        Assert.Contains($"'{key}'", ex.Message);
    }

    /// <summary>Expected UTC time of a microsecond timestamp, computed without the code under test.</summary>
    public static DateTimeOffset Us(long microseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.DivRem(microseconds, 1000, out var rest)).AddTicks(rest * 10);

    /// <summary>Expected UTC time of a millisecond timestamp.</summary>
    public static DateTimeOffset Ms(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>Exact text of a decimal, to check that trailing zeros (the scale) survived.</summary>
    public static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(decimal? value) => value is { } v ? Text(v) : "null";
}
