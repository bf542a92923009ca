using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>kline.&lt;interval&gt;.&lt;symbol&gt;</c> frames (spec §6.5).</summary>
/// <remarks>
/// <c>t</c> and <c>T</c> are zone-less ISO-8601 strings, not microseconds like every other stream's <c>T</c>. A candle
/// without trades sends <c>o</c>, <c>h</c>, <c>l</c>, <c>c</c> and <c>v</c> as <c>null</c>; that frame (often the close)
/// must still arrive, so those five are optional.
/// </remarks>
internal static class KlineParser
{
    /// <summary>Parses one <c>kline</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <param name="interval">The interval from the stream name; the payload has none.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static Kline Parse(ReadOnlySpan<byte> data, KlineInterval interval) =>
        JsonFields.ParsePayload(data, "kline", interval, Read);

    private static Kline Read(ref Utf8JsonReader reader, KlineInterval interval)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? startTime = null;
        DateTimeOffset? endTime = null;
        decimal? open = null;
        decimal? high = null;
        decimal? low = null;
        decimal? close = null;
        decimal? volume = null;
        long? tradeCount = null;
        bool? isClosed = null;
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
                case (byte)'t':
                    startTime = JsonFields.ReadNaiveUtc(ref reader, "t");
                    break;
                case (byte)'T':
                    endTime = JsonFields.ReadNaiveUtc(ref reader, "T");
                    break;
                case (byte)'o':
                    open = JsonFields.ReadNullableDecimal(ref reader, "o");
                    break;
                case (byte)'h':
                    high = JsonFields.ReadNullableDecimal(ref reader, "h");
                    break;
                case (byte)'l':
                    low = JsonFields.ReadNullableDecimal(ref reader, "l");
                    break;
                case (byte)'c':
                    close = JsonFields.ReadNullableDecimal(ref reader, "c");
                    break;
                case (byte)'v':
                    volume = JsonFields.ReadNullableDecimal(ref reader, "v");
                    break;
                case (byte)'n':
                    tradeCount = JsonFields.ReadInt64(ref reader, "n");
                    break;
                case (byte)'X':
                    isClosed = JsonFields.ReadBoolean(ref reader, "X");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Kline
        {
            Symbol = JsonFields.Required(symbol, "s"),
            Interval = interval,
            EventTime = JsonFields.Required(eventTime, "E"),
            StartTime = JsonFields.Required(startTime, "t"),
            EndTime = JsonFields.Required(endTime, "T"),
            Open = open,
            High = high,
            Low = low,
            Close = close,
            Volume = volume,
            TradeCount = JsonFields.Required(tradeCount, "n"),
            IsClosed = JsonFields.Required(isClosed, "X"),
        };
    }
}
