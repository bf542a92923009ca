using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>liquidation</c> frames (spec §6.8).</summary>
internal static class LiquidationParser
{
    /// <summary>Parses one <c>liquidation</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static Liquidation Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "liquidation", Read);

    private static Liquidation Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? price = null;
        decimal? quantity = null;
        Side? side = null;
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
                case (byte)'T':
                    engineTime = JsonFields.ReadMicroseconds(ref reader, "T");
                    break;
                case (byte)'p':
                    price = JsonFields.ReadDecimal(ref reader, "p");
                    break;
                case (byte)'q':
                    quantity = JsonFields.ReadDecimal(ref reader, "q");
                    break;
                case (byte)'S':
                    side = JsonFields.ReadEnum(ref reader, "S", WireEnums.ToSide);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Liquidation
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            Price = JsonFields.Required(price, "p"),
            Quantity = JsonFields.Required(quantity, "q"),
            Side = JsonFields.Required(side, "S"),
        };
    }
}
