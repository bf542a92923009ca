using System.Text.Json;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// The values of a 24-hour ticker payload as read, each <see langword="null"/> when absent or JSON <c>null</c>. Shared by
/// <c>ticker</c> (which then requires most of them) and <c>externalTicker</c> (which requires none): same keys, spec §6.4, §6.9.
/// </summary>
internal struct TickerFields
{
    public string? Symbol;
    public DateTimeOffset? EventTime;
    public decimal? Open;
    public decimal? Close;
    public decimal? High;
    public decimal? Low;
    public decimal? BaseVolume;
    public decimal? QuoteVolume;
    public long? TradeCount;

    /// <summary>Reads every property of the payload object; the reader is on its opening brace.</summary>
    public static TickerFields Read(ref Utf8JsonReader reader)
    {
        var fields = default(TickerFields);
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'s':
                    fields.Symbol = JsonFields.ReadNullableInterned(ref reader, "s");
                    break;
                case (byte)'E':
                    fields.EventTime = JsonFields.ReadNullableMicroseconds(ref reader, "E");
                    break;
                case (byte)'o':
                    fields.Open = JsonFields.ReadNullableDecimal(ref reader, "o");
                    break;
                case (byte)'c':
                    fields.Close = JsonFields.ReadNullableDecimal(ref reader, "c");
                    break;
                case (byte)'h':
                    fields.High = JsonFields.ReadNullableDecimal(ref reader, "h");
                    break;
                case (byte)'l':
                    fields.Low = JsonFields.ReadNullableDecimal(ref reader, "l");
                    break;
                case (byte)'v':
                    fields.BaseVolume = JsonFields.ReadNullableDecimal(ref reader, "v");
                    break;
                case (byte)'V':
                    fields.QuoteVolume = JsonFields.ReadNullableDecimal(ref reader, "V");
                    break;
                case (byte)'n':
                    fields.TradeCount = JsonFields.ReadNullableInt64(ref reader, "n");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return fields;
    }
}
