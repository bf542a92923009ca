using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>markPrice.&lt;symbol&gt;</c> frames (spec §6.6).</summary>
/// <remarks><c>n</c> is in milliseconds; <c>E</c> and <c>T</c> are in microseconds.</remarks>
internal static class MarkPriceParser
{
    /// <summary>Parses one <c>markPrice</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static MarkPrice Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "markPrice", Read);

    private static MarkPrice Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? price = null;
        decimal? fundingRate = null;
        decimal? indexPrice = null;
        DateTimeOffset? nextFundingTime = null;
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
                case (byte)'f':
                    fundingRate = JsonFields.ReadNullableDecimal(ref reader, "f");
                    break;
                case (byte)'i':
                    indexPrice = JsonFields.ReadNullableDecimal(ref reader, "i");
                    break;
                case (byte)'n':
                    nextFundingTime = JsonFields.ReadNullableMilliseconds(ref reader, "n");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new MarkPrice
        {
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            Price = JsonFields.Required(price, "p"),
            FundingRate = fundingRate,
            IndexPrice = indexPrice,
            NextFundingTime = nextFundingTime,
        };
    }
}
