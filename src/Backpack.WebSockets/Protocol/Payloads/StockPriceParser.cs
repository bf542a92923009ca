using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>stockPrice.&lt;ticker&gt;</c> frames (spec §6.10).</summary>
/// <remarks>
/// The only stream with long key names (<c>bid</c>, <c>timestamp</c>), so keys are matched by text, not by their one byte.
/// <c>timestamp</c> is in milliseconds. Only <c>timestamp</c> is required; the other values may be absent or <c>null</c>.
/// </remarks>
internal static class StockPriceParser
{
    /// <summary>Parses one <c>stockPrice</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <param name="ticker">The bare ticker of the stream name; the payload's own is optional.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks <c>timestamp</c>.</exception>
    public static StockPrice Parse(ReadOnlySpan<byte> data, string ticker) =>
        JsonFields.ParsePayload(data, "stockPrice", ticker, Read);

    private static StockPrice Read(ref Utf8JsonReader reader, string ticker)
    {
        string? symbol = null;
        DateTimeOffset? timestamp = null;
        decimal? bid = null;
        decimal? ask = null;
        decimal? mid = null;
        string? session = null;
        while (JsonFields.NextProperty(ref reader, out _))
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                timestamp = JsonFields.ReadMilliseconds(ref reader, "timestamp");
            }
            else if (reader.ValueTextEquals("bid"u8))
            {
                bid = JsonFields.ReadNullableDecimal(ref reader, "bid");
            }
            else if (reader.ValueTextEquals("ask"u8))
            {
                ask = JsonFields.ReadNullableDecimal(ref reader, "ask");
            }
            else if (reader.ValueTextEquals("mid"u8))
            {
                mid = JsonFields.ReadNullableDecimal(ref reader, "mid");
            }
            else if (reader.ValueTextEquals("session"u8))
            {
                session = JsonFields.ReadNullableInterned(ref reader, "session");
            }
            else if (reader.ValueTextEquals("symbol"u8))
            {
                symbol = JsonFields.ReadNullableInterned(ref reader, "symbol");
            }
            else
            {
                reader.Skip();
            }
        }

        return new StockPrice
        {
            Ticker = ticker,
            Symbol = symbol,
            Timestamp = JsonFields.Required(timestamp, "timestamp"),
            Bid = bid,
            Ask = ask,
            Mid = mid,
            Session = session,
        };
    }
}
