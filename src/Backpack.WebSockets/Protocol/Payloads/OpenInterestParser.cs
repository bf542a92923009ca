using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>openInterest.&lt;symbol&gt;</c> frames (spec §6.7).</summary>
internal static class OpenInterestParser
{
    /// <summary>Parses one <c>openInterest</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static OpenInterest Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "openInterest", Read);

    private static OpenInterest Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        decimal? quantity = null;
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
                    quantity = JsonFields.ReadDecimal(ref reader, "o");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OpenInterest
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            Quantity = JsonFields.Required(quantity, "o"),
        };
    }
}
