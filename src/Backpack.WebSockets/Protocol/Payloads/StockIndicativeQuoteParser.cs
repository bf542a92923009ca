using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>stockIndicativeQuote.&lt;ticker&gt;</c> frames (spec §6.11).</summary>
/// <remarks>
/// Built from the confirmed key names only (<c>estimatedBid</c>, <c>estimatedAsk</c>, <c>session</c>); every other key is
/// skipped and none is required, because no example frame exists in any source.
/// </remarks>
internal static class StockIndicativeQuoteParser
{
    /// <summary>Parses one <c>stockIndicativeQuote</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <param name="ticker">The bare ticker of the stream name.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed, or a value has the wrong type.</exception>
    public static StockIndicativeQuote Parse(ReadOnlySpan<byte> data, string ticker) =>
        JsonFields.ParsePayload(data, "stockIndicativeQuote", ticker, Read);

    private static StockIndicativeQuote Read(ref Utf8JsonReader reader, string ticker)
    {
        decimal? estimatedBid = null;
        decimal? estimatedAsk = null;
        string? session = null;
        while (JsonFields.NextProperty(ref reader, out _))
        {
            if (reader.ValueTextEquals("estimatedBid"u8))
            {
                estimatedBid = JsonFields.ReadNullableDecimal(ref reader, "estimatedBid");
            }
            else if (reader.ValueTextEquals("estimatedAsk"u8))
            {
                estimatedAsk = JsonFields.ReadNullableDecimal(ref reader, "estimatedAsk");
            }
            else if (reader.ValueTextEquals("session"u8))
            {
                session = JsonFields.ReadNullableInterned(ref reader, "session");
            }
            else
            {
                reader.Skip();
            }
        }

        return new StockIndicativeQuote
        {
            Ticker = ticker,
            EstimatedBid = estimatedBid,
            EstimatedAsk = estimatedAsk,
            Session = session,
        };
    }
}
