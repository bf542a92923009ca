using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>account.rfqUpdate[.&lt;symbol&gt;]</c> frames (spec §7.5).</summary>
/// <remarks><c>R</c> and <c>u</c> are parsed as 64-bit integers straight from the bytes (RFQ ids exceed the exact
/// range of a double); <c>w</c> and <c>W</c> are milliseconds.</remarks>
internal static class RfqUpdateParser
{
    /// <summary>Parses one <c>rfqUpdate</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static RfqUpdate Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "rfqUpdate", Read);

    private static RfqUpdate Read(ref Utf8JsonReader reader)
    {
        RfqEventType? eventType = null;
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        long? rfqId = null;
        long? quoteId = null;
        string? clientId = null;
        Side? side = null;
        decimal? quantity = null;
        decimal? quoteQuantity = null;
        decimal? price = null;
        DateTimeOffset? submissionDeadline = null;
        DateTimeOffset? expiry = null;
        RfqStatus? status = null;
        string? systemOrderType = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'e':
                    eventType = JsonFields.ReadNullableEnum(ref reader, "e", WireEnums.ToRfqEventType);
                    break;
                case (byte)'s':
                    symbol = JsonFields.ReadInterned(ref reader, "s");
                    break;
                case (byte)'E':
                    eventTime = JsonFields.ReadMicroseconds(ref reader, "E");
                    break;
                case (byte)'T':
                    engineTime = JsonFields.ReadMicroseconds(ref reader, "T");
                    break;
                case (byte)'R':
                    rfqId = JsonFields.ReadInt64(ref reader, "R");
                    break;
                case (byte)'u':
                    quoteId = JsonFields.ReadNullableInt64(ref reader, "u");
                    break;
                case (byte)'C':
                    clientId = JsonFields.ReadNullableString(ref reader, "C", acceptNumber: true);
                    break;
                case (byte)'S':
                    side = JsonFields.ReadNullableEnum(ref reader, "S", WireEnums.ToSide);
                    break;
                case (byte)'q':
                    quantity = JsonFields.ReadNullableDecimal(ref reader, "q");
                    break;
                case (byte)'Q':
                    quoteQuantity = JsonFields.ReadNullableDecimal(ref reader, "Q");
                    break;
                case (byte)'p':
                    price = JsonFields.ReadNullableDecimal(ref reader, "p");
                    break;
                case (byte)'w':
                    submissionDeadline = JsonFields.ReadNullableMilliseconds(ref reader, "w");
                    break;
                case (byte)'W':
                    expiry = JsonFields.ReadNullableMilliseconds(ref reader, "W");
                    break;
                case (byte)'X':
                    status = JsonFields.ReadNullableEnum(ref reader, "X", WireEnums.ToRfqStatus);
                    break;
                case (byte)'o':
                    systemOrderType = JsonFields.ReadNullableInterned(ref reader, "o");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new RfqUpdate
        {
            EventType = eventType ?? RfqEventType.Unknown,
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            RfqId = JsonFields.Required(rfqId, "R"),
            QuoteId = quoteId,
            ClientId = clientId,
            Side = side,
            Quantity = quantity,
            QuoteQuantity = quoteQuantity,
            Price = price,
            SubmissionDeadline = submissionDeadline,
            Expiry = expiry,
            Status = status,
            SystemOrderType = systemOrderType,
        };
    }
}
