using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>externalTicker.&lt;symbol&gt;</c> frames (spec §6.9).</summary>
/// <remarks>
/// The keys of <c>ticker</c>, but no official field list exists, so no key is required and any may be <c>null</c>: a
/// provider frame with fewer keys than <c>ticker</c> still arrives. The symbol falls back to the stream name's.
/// </remarks>
internal static class ExternalTickerParser
{
    /// <summary>Parses one <c>externalTicker</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <param name="symbol">The symbol of the stream name, used when the payload has no <c>s</c>.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed, or a value has the wrong type.</exception>
    public static ExternalTicker Parse(ReadOnlySpan<byte> data, string symbol) =>
        JsonFields.ParsePayload(data, "externalTicker", symbol, Read);

    private static ExternalTicker Read(ref Utf8JsonReader reader, string streamSymbol)
    {
        var fields = TickerFields.Read(ref reader);
        return new ExternalTicker
        {
            Symbol = fields.Symbol ?? streamSymbol,
            EventTime = fields.EventTime,
            Open = fields.Open,
            Close = fields.Close,
            High = fields.High,
            Low = fields.Low,
            BaseVolume = fields.BaseVolume,
            QuoteVolume = fields.QuoteVolume,
            TradeCount = fields.TradeCount,
        };
    }
}
