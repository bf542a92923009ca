using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>Parses <c>GET /api/v1/capital/collateral</c> (<c>MarginAccountSummary</c>, spec §9.5.2).</summary>
internal static class CollateralParser
{
    /// <exception cref="PayloadFormatException">The body is malformed.</exception>
    public static CollateralSummary Parse(ReadOnlySpan<byte> body) => RestJson.ParseObject(body, "collateral", Read);

    private static CollateralSummary Read(ref Utf8JsonReader reader)
    {
        var summary = new CollateralSummary();
        while (RestJson.NextField(ref reader))
        {
            if (reader.ValueTextEquals("collateral"u8)) summary = summary with { Collateral = ReadAssets(ref reader) };
            else if (reader.ValueTextEquals("marginFraction"u8)) summary = summary with { MarginFraction = JsonFields.ReadNullableDecimal(ref reader, "marginFraction") };
            else if (reader.ValueTextEquals("assetsValue"u8)) summary = summary with { AssetsValue = RestJson.ReadDecimalOrZero(ref reader, "assetsValue") };
            else if (reader.ValueTextEquals("borrowLiability"u8)) summary = summary with { BorrowLiability = RestJson.ReadDecimalOrZero(ref reader, "borrowLiability") };
            else if (reader.ValueTextEquals("imf"u8)) summary = summary with { Imf = RestJson.ReadDecimalOrZero(ref reader, "imf") };
            else if (reader.ValueTextEquals("mmf"u8)) summary = summary with { Mmf = RestJson.ReadDecimalOrZero(ref reader, "mmf") };
            else if (reader.ValueTextEquals("unsettledEquity"u8)) summary = summary with { UnsettledEquity = RestJson.ReadDecimalOrZero(ref reader, "unsettledEquity") };
            else if (reader.ValueTextEquals("liabilitiesValue"u8)) summary = summary with { LiabilitiesValue = RestJson.ReadDecimalOrZero(ref reader, "liabilitiesValue") };
            else if (reader.ValueTextEquals("netEquity"u8)) summary = summary with { NetEquity = RestJson.ReadDecimalOrZero(ref reader, "netEquity") };
            else if (reader.ValueTextEquals("netEquityAvailable"u8)) summary = summary with { NetEquityAvailable = RestJson.ReadDecimalOrZero(ref reader, "netEquityAvailable") };
            else if (reader.ValueTextEquals("netEquityLocked"u8)) summary = summary with { NetEquityLocked = RestJson.ReadDecimalOrZero(ref reader, "netEquityLocked") };
            else if (reader.ValueTextEquals("netExposureFutures"u8)) summary = summary with { NetExposureFutures = RestJson.ReadDecimalOrZero(ref reader, "netExposureFutures") };
            else if (reader.ValueTextEquals("pnlUnrealized"u8)) summary = summary with { PnlUnrealized = RestJson.ReadDecimalOrZero(ref reader, "pnlUnrealized") };
            else RestJson.Skip(ref reader);
        }

        RestJson.EnsureEnded(ref reader, "collateral summary");
        return summary;
    }

    private static CollateralAsset[] ReadAssets(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new PayloadFormatException($"Field 'collateral' must be an array, not {reader.TokenType}.");
        }

        var assets = new List<CollateralAsset>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var asset = new CollateralAsset();
            while (RestJson.NextField(ref reader))
            {
                if (reader.ValueTextEquals("symbol"u8)) asset = asset with { Symbol = JsonFields.ReadNullableInterned(ref reader, "symbol") ?? string.Empty };
                else if (reader.ValueTextEquals("assetMarkPrice"u8)) asset = asset with { AssetMarkPrice = RestJson.ReadDecimalOrZero(ref reader, "assetMarkPrice") };
                else if (reader.ValueTextEquals("totalQuantity"u8)) asset = asset with { TotalQuantity = RestJson.ReadDecimalOrZero(ref reader, "totalQuantity") };
                else if (reader.ValueTextEquals("balanceNotional"u8)) asset = asset with { BalanceNotional = RestJson.ReadDecimalOrZero(ref reader, "balanceNotional") };
                else if (reader.ValueTextEquals("collateralWeight"u8)) asset = asset with { CollateralWeight = RestJson.ReadDecimalOrZero(ref reader, "collateralWeight") };
                else if (reader.ValueTextEquals("collateralValue"u8)) asset = asset with { CollateralValue = RestJson.ReadDecimalOrZero(ref reader, "collateralValue") };
                else if (reader.ValueTextEquals("openOrderQuantity"u8)) asset = asset with { OpenOrderQuantity = RestJson.ReadDecimalOrZero(ref reader, "openOrderQuantity") };
                else if (reader.ValueTextEquals("lendQuantity"u8)) asset = asset with { LendQuantity = RestJson.ReadDecimalOrZero(ref reader, "lendQuantity") };
                else if (reader.ValueTextEquals("availableQuantity"u8)) asset = asset with { AvailableQuantity = RestJson.ReadDecimalOrZero(ref reader, "availableQuantity") };
                else RestJson.Skip(ref reader);
            }

            assets.Add(asset);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new PayloadFormatException("Field 'collateral' holds an element that is not an object.");
        }

        return [.. assets];
    }
}
