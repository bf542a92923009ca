using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>Parses <c>GET /api/v1/capital</c>: an object keyed by asset, each <c>{available, locked, staked}</c>.</summary>
internal static class BalancesParser
{
    /// <exception cref="PayloadFormatException">The body is malformed.</exception>
    public static IReadOnlyDictionary<string, AssetBalance> Parse(ReadOnlySpan<byte> body) =>
        RestJson.ParseObject(body, "balances", Read);

    private static Dictionary<string, AssetBalance> Read(ref Utf8JsonReader reader)
    {
        var balances = new Dictionary<string, AssetBalance>(StringComparer.Ordinal);
        while (RestJson.NextField(ref reader))
        {
            var asset = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new PayloadFormatException($"The balance of '{asset}' is {reader.TokenType}, not an object.");
            }

            decimal available = 0, locked = 0, staked = 0;
            while (RestJson.NextField(ref reader))
            {
                if (reader.ValueTextEquals("available"u8)) available = RestJson.ReadDecimalOrZero(ref reader, "available");
                else if (reader.ValueTextEquals("locked"u8)) locked = RestJson.ReadDecimalOrZero(ref reader, "locked");
                else if (reader.ValueTextEquals("staked"u8)) staked = RestJson.ReadDecimalOrZero(ref reader, "staked");
                else RestJson.Skip(ref reader);
            }

            balances[asset] = new AssetBalance { Asset = asset, Available = available, Locked = locked, Staked = staked };
        }

        RestJson.EnsureEnded(ref reader, "balances");
        return balances;
    }
}
