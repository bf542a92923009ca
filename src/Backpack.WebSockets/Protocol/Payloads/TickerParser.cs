using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>ticker.&lt;symbol&gt;</c> frames (spec §6.4).</summary>
/// <remarks><c>v</c> may be <c>null</c> (spec §6.4); every other key is required.</remarks>
internal static class TickerParser
{
    /// <summary>Parses one <c>ticker</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static Ticker Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "ticker", Read);

    private static Ticker Read(ref Utf8JsonReader reader)
    {
        var fields = TickerFields.Read(ref reader);
        return new Ticker
        {
            Symbol = JsonFields.Required(fields.Symbol, "s"),
            EventTime = JsonFields.Required(fields.EventTime, "E"),
            Open = JsonFields.Required(fields.Open, "o"),
            Close = JsonFields.Required(fields.Close, "c"),
            High = JsonFields.Required(fields.High, "h"),
            Low = JsonFields.Required(fields.Low, "l"),
            BaseVolume = fields.BaseVolume,
            QuoteVolume = JsonFields.Required(fields.QuoteVolume, "V"),
            TradeCount = JsonFields.Required(fields.TradeCount, "n"),
        };
    }
}
