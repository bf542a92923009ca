using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>account.positionUpdate[.&lt;symbol&gt;]</c> frames (spec §7.3).</summary>
/// <remarks>The DOCS example sends the decimals as JSON numbers and <c>i</c> as a string; live frames do the
/// opposite. Both parse. The initial snapshot has no <c>e</c>.</remarks>
internal static class PositionUpdateParser
{
    /// <summary>Parses one <c>positionUpdate</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static PositionUpdate Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "positionUpdate", Read);

    private static PositionUpdate Read(ref Utf8JsonReader reader)
    {
        PositionEventType? eventType = null;
        string? symbol = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        long? positionId = null;
        decimal? breakEvenPrice = null;
        decimal? entryPrice = null;
        decimal? initialMarginFraction = null;
        decimal? markPrice = null;
        decimal? maintenanceMarginFraction = null;
        decimal? netQuantity = null;
        decimal? netExposureQuantity = null;
        decimal? netExposureNotional = null;
        decimal? realizedPnl = null;
        decimal? unrealizedPnl = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'e':
                    eventType = JsonFields.ReadNullableEnum(ref reader, "e", WireEnums.ToPositionEventType);
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
                case (byte)'i':
                    positionId = JsonFields.ReadInt64(ref reader, "i");
                    break;
                case (byte)'b':
                    breakEvenPrice = JsonFields.ReadDecimal(ref reader, "b");
                    break;
                case (byte)'B':
                    entryPrice = JsonFields.ReadDecimal(ref reader, "B");
                    break;
                case (byte)'f':
                    initialMarginFraction = JsonFields.ReadDecimal(ref reader, "f");
                    break;
                case (byte)'M':
                    markPrice = JsonFields.ReadDecimal(ref reader, "M");
                    break;
                case (byte)'m':
                    maintenanceMarginFraction = JsonFields.ReadDecimal(ref reader, "m");
                    break;
                case (byte)'q':
                    netQuantity = JsonFields.ReadDecimal(ref reader, "q");
                    break;
                case (byte)'Q':
                    netExposureQuantity = JsonFields.ReadDecimal(ref reader, "Q");
                    break;
                case (byte)'n':
                    netExposureNotional = JsonFields.ReadDecimal(ref reader, "n");
                    break;
                case (byte)'p':
                    realizedPnl = JsonFields.ReadDecimal(ref reader, "p");
                    break;
                case (byte)'P':
                    unrealizedPnl = JsonFields.ReadDecimal(ref reader, "P");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new PositionUpdate
        {
            EventType = eventType ?? PositionEventType.Snapshot,
            Symbol = JsonFields.Required(symbol, "s"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            PositionId = JsonFields.Required(positionId, "i"),
            BreakEvenPrice = JsonFields.Required(breakEvenPrice, "b"),
            EntryPrice = JsonFields.Required(entryPrice, "B"),
            InitialMarginFraction = JsonFields.Required(initialMarginFraction, "f"),
            MarkPrice = JsonFields.Required(markPrice, "M"),
            MaintenanceMarginFraction = JsonFields.Required(maintenanceMarginFraction, "m"),
            NetQuantity = JsonFields.Required(netQuantity, "q"),
            NetExposureQuantity = JsonFields.Required(netExposureQuantity, "Q"),
            NetExposureNotional = JsonFields.Required(netExposureNotional, "n"),
            RealizedPnl = JsonFields.Required(realizedPnl, "p"),
            UnrealizedPnl = JsonFields.Required(unrealizedPnl, "P"),
        };
    }
}
