using System.Globalization;
using System.Text;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>Builds depth payloads and frames as the server writes them, with levels as already-formatted strings.</summary>
public static class DepthJson
{
    public static string Payload(string symbol, long first, long last, IEnumerable<(string Price, string Quantity)> bids, IEnumerable<(string Price, string Quantity)> asks)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{{\"E\":1694687965941000,\"T\":1694687965940999,\"U\":{first},");
        Levels(text, "a", asks);
        text.Append(',');
        Levels(text, "b", bids);
        text.Append(CultureInfo.InvariantCulture, $",\"e\":\"depth\",\"s\":\"{symbol}\",\"u\":{last}}}");
        return text.ToString();
    }

    public static string Frame(string symbol, long first, long last, IEnumerable<(string Price, string Quantity)> bids, IEnumerable<(string Price, string Quantity)> asks) =>
        $"{{\"data\":{Payload(symbol, first, last, bids, asks)},\"stream\":\"depth.{symbol}\"}}";

    /// <summary>Parses a payload with the library's own parser, so quantities spelled "0.00" arrive as the client sees them.</summary>
    public static DepthUpdate Parse(string payload) => DepthUpdateParser.Parse(Encoding.UTF8.GetBytes(payload));

    /// <summary>A REST snapshot body: both sides ascending (bids best last), <c>lastUpdateId</c> a string as the API sends it.</summary>
    public static string Snapshot(long lastUpdateId, IEnumerable<(string Price, string Quantity)> bidsAscending, IEnumerable<(string Price, string Quantity)> asksAscending)
    {
        var text = new StringBuilder("{");
        Levels(text, "asks", asksAscending);
        text.Append(',');
        Levels(text, "bids", bidsAscending);
        text.Append(CultureInfo.InvariantCulture, $",\"lastUpdateId\":\"{lastUpdateId}\",\"timestamp\":1790915412979224}}");
        return text.ToString();
    }

    public static (string, string) L(string price, string quantity) => (price, quantity);

    private static void Levels(StringBuilder text, string name, IEnumerable<(string Price, string Quantity)> levels)
    {
        text.Append('"').Append(name).Append("\":[");
        text.AppendJoin(',', levels.Select(level => $"[\"{level.Price}\",\"{level.Quantity}\"]"));
        text.Append(']');
    }
}
