using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>ticker.&lt;symbol&gt;</c> frames (spec §6.4).</summary>
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
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        decimal? open = null;
        decimal? close = null;
        decimal? high = null;
        decimal? low = null;
        decimal? baseVolume = null;
        decimal? quoteVolume = null;
        long? tradeCount = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'s':
                    symbol = JsonFields.ReadInterned(ref reader, "s");
                    break;
                case (byte)'E':
                    eventTime = JsonFields.ReadMicroseconds(ref reader, "E");
                    break;
                case (byte)'o':
                    open = JsonFields.ReadDecimal(ref reader, "o");
                    break;
                case (byte)'c':
                    close = JsonFields.ReadDecimal(ref reader, "c");
                    break;
                case (byte)'h':
                    high = JsonFields.ReadDecimal(ref reader, "h");
                    break;
                case (byte)'l':
                    low = JsonFields.ReadDecimal(ref reader, "l");
                    break;
                case (byte)'v':
                    baseVolume = JsonFields.ReadDecimal(ref reader, "v");
                    break;
                case (byte)'V':
                    quoteVolume = JsonFields.ReadDecimal(ref reader, "V");
                    break;
                case (byte)'n':
                    tradeCount = JsonFields.ReadInt64(ref reader, "n");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Ticker
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            Open = JsonFields.Required(open, "o"),
            Close = JsonFields.Required(close, "c"),
            High = JsonFields.Required(high, "h"),
            Low = JsonFields.Required(low, "l"),
            BaseVolume = JsonFields.Required(baseVolume, "v"),
            QuoteVolume = JsonFields.Required(quoteVolume, "V"),
            TradeCount = JsonFields.Required(tradeCount, "n"),
        };
    }
}
