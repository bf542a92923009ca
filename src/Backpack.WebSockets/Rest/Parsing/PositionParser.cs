using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>Parses <c>GET /api/v1/position</c>: an array of <c>FuturePositionWithMargin</c> (spec §9.5.2).</summary>
internal static class PositionParser
{
    /// <exception cref="PayloadFormatException">The body is malformed or a position lacks <c>symbol</c>.</exception>
    public static IReadOnlyList<FuturePosition> Parse(ReadOnlySpan<byte> body) => RestJson.ParseArray(body, "positions", Read);

    private static FuturePosition Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        var position = new FuturePosition();
        while (RestJson.NextField(ref reader))
        {
            if (reader.ValueTextEquals("symbol"u8)) symbol = JsonFields.ReadNullableInterned(ref reader, "symbol");
            else if (reader.ValueTextEquals("positionId"u8)) position = position with { PositionId = JsonFields.ReadNullableString(ref reader, "positionId", acceptNumber: true) };
            else if (reader.ValueTextEquals("netQuantity"u8)) position = position with { NetQuantity = RestJson.ReadDecimalOrZero(ref reader, "netQuantity") };
            else if (reader.ValueTextEquals("netExposureQuantity"u8)) position = position with { NetExposureQuantity = RestJson.ReadDecimalOrZero(ref reader, "netExposureQuantity") };
            else if (reader.ValueTextEquals("netExposureNotional"u8)) position = position with { NetExposureNotional = RestJson.ReadDecimalOrZero(ref reader, "netExposureNotional") };
            else if (reader.ValueTextEquals("netCost"u8)) position = position with { NetCost = RestJson.ReadDecimalOrZero(ref reader, "netCost") };
            else if (reader.ValueTextEquals("entryPrice"u8)) position = position with { EntryPrice = RestJson.ReadDecimalOrZero(ref reader, "entryPrice") };
            else if (reader.ValueTextEquals("breakEvenPrice"u8)) position = position with { BreakEvenPrice = RestJson.ReadDecimalOrZero(ref reader, "breakEvenPrice") };
            else if (reader.ValueTextEquals("estLiquidationPrice"u8)) position = position with { EstLiquidationPrice = RestJson.ReadDecimalOrZero(ref reader, "estLiquidationPrice") };
            else if (reader.ValueTextEquals("markPrice"u8)) position = position with { MarkPrice = RestJson.ReadDecimalOrZero(ref reader, "markPrice") };
            else if (reader.ValueTextEquals("imf"u8)) position = position with { Imf = RestJson.ReadDecimalOrZero(ref reader, "imf") };
            else if (reader.ValueTextEquals("mmf"u8)) position = position with { Mmf = RestJson.ReadDecimalOrZero(ref reader, "mmf") };
            else if (reader.ValueTextEquals("pnlRealized"u8)) position = position with { PnlRealized = RestJson.ReadDecimalOrZero(ref reader, "pnlRealized") };
            else if (reader.ValueTextEquals("pnlUnrealized"u8)) position = position with { PnlUnrealized = RestJson.ReadDecimalOrZero(ref reader, "pnlUnrealized") };
            else if (reader.ValueTextEquals("cumulativeFundingPayment"u8)) position = position with { CumulativeFundingPayment = RestJson.ReadDecimalOrZero(ref reader, "cumulativeFundingPayment") };
            else if (reader.ValueTextEquals("cumulativeInterest"u8)) position = position with { CumulativeInterest = JsonFields.ReadNullableDecimal(ref reader, "cumulativeInterest") };
            else if (reader.ValueTextEquals("userId"u8)) position = position with { UserId = JsonFields.ReadNullableInt64(ref reader, "userId") };
            else if (reader.ValueTextEquals("subaccountId"u8)) position = position with { SubaccountId = (int?)JsonFields.ReadNullableInt64(ref reader, "subaccountId") };
            else RestJson.Skip(ref reader);
        }

        RestJson.EnsureEnded(ref reader, "position");
        return position with { Symbol = JsonFields.Required(symbol, "symbol") };
    }
}
