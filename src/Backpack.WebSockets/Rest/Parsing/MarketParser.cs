using System.Text.Json;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>Parses the body of <c>GET /api/v1/markets</c>: an array of markets with nested <c>filters</c>.</summary>
internal static class MarketParser
{
    /// <exception cref="PayloadFormatException">The body is malformed or a market lacks <c>symbol</c>.</exception>
    public static IReadOnlyList<Market> Parse(ReadOnlySpan<byte> body) => RestJson.ParseArray(body, "markets", Read);

    private static Market Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        var market = new Market();
        while (RestJson.NextField(ref reader))
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                symbol = JsonFields.ReadNullableString(ref reader, "symbol");
            }
            else if (reader.ValueTextEquals("baseSymbol"u8))
            {
                market = market with { BaseSymbol = JsonFields.ReadNullableInterned(ref reader, "baseSymbol") };
            }
            else if (reader.ValueTextEquals("quoteSymbol"u8))
            {
                market = market with { QuoteSymbol = JsonFields.ReadNullableInterned(ref reader, "quoteSymbol") };
            }
            else if (reader.ValueTextEquals("marketType"u8))
            {
                market = market with { MarketType = JsonFields.ReadNullableInterned(ref reader, "marketType") };
            }
            else if (reader.ValueTextEquals("orderBookState"u8))
            {
                market = market with { OrderBookState = JsonFields.ReadNullableEnum(ref reader, "orderBookState", ToState) ?? MarketOrderBookState.Unknown };
            }
            else if (reader.ValueTextEquals("createdAt"u8))
            {
                market = market with { CreatedAt = RestJson.ReadFlexibleTime(ref reader, "createdAt") };
            }
            else if (reader.ValueTextEquals("filters"u8))
            {
                market = ReadFilters(ref reader, market);
            }
            else
            {
                RestJson.Skip(ref reader);
            }
        }

        RestJson.EnsureEnded(ref reader, "market");
        return market with { Symbol = JsonFields.Required(symbol, "symbol") };
    }

    /// <summary>Reads <c>filters: {price: {...}, quantity: {...}}</c>; any other filter is skipped.</summary>
    private static Market ReadFilters(ref Utf8JsonReader reader, Market market)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return market;
        }

        while (RestJson.NextField(ref reader))
        {
            var isPrice = reader.ValueTextEquals("price"u8);
            var isQuantity = reader.ValueTextEquals("quantity"u8);
            reader.Read();
            if (!(isPrice || isQuantity) || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (RestJson.NextField(ref reader))
            {
                if (isPrice && reader.ValueTextEquals("tickSize"u8))
                {
                    market = market with { TickSize = JsonFields.ReadNullableDecimal(ref reader, "tickSize") };
                }
                else if (isPrice && reader.ValueTextEquals("minPrice"u8))
                {
                    market = market with { MinPrice = JsonFields.ReadNullableDecimal(ref reader, "minPrice") };
                }
                else if (isPrice && reader.ValueTextEquals("maxPrice"u8))
                {
                    market = market with { MaxPrice = JsonFields.ReadNullableDecimal(ref reader, "maxPrice") };
                }
                else if (isQuantity && reader.ValueTextEquals("stepSize"u8))
                {
                    market = market with { StepSize = JsonFields.ReadNullableDecimal(ref reader, "stepSize") };
                }
                else if (isQuantity && reader.ValueTextEquals("minQuantity"u8))
                {
                    market = market with { MinQuantity = JsonFields.ReadNullableDecimal(ref reader, "minQuantity") };
                }
                else if (isQuantity && reader.ValueTextEquals("maxQuantity"u8))
                {
                    market = market with { MaxQuantity = JsonFields.ReadNullableDecimal(ref reader, "maxQuantity") };
                }
                else
                {
                    RestJson.Skip(ref reader);
                }
            }
        }

        return market;
    }

    private static MarketOrderBookState ToState(ReadOnlySpan<char> name) => name switch
    {
        "open" => MarketOrderBookState.Open,
        "closed" => MarketOrderBookState.Closed,
        "cancelonly" => MarketOrderBookState.CancelOnly,
        "limitonly" => MarketOrderBookState.LimitOnly,
        "postonly" => MarketOrderBookState.PostOnly,
        _ => MarketOrderBookState.Unknown,
    };
}
