using System.Globalization;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

public sealed partial class MarketSimulator
{
    /// <summary>How far the provider's source time trails the simulator's clock, ms.</summary>
    private const long ProviderDelayMs = 250;

    /// <summary>
    /// Publishes <c>externalTicker</c> for a market (spec §6.9): the provider sees the venue's window plus the wider market,
    /// so its last price is the mid, its range includes it, and its volumes are a multiple of the venue's.
    /// </summary>
    private void PublishExternalTicker(MarketState state, FrameBatch batch)
    {
        const int ProviderVolumeFactor = 8;
        var market = state.Market;
        var close = market.ToTicks(state.MidPrice);
        batch.Add(state.ExternalTickerStream, writer =>
        {
            writer.WriteNumber("E", _eventTime);
            writer.WriteString("V", (state.QuoteVolume * ProviderVolumeFactor).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("c", market.FormatPrice(close));
            writer.WriteString("e", "externalTicker");
            writer.WriteString("h", market.FormatPrice(Math.Max(state.TickerHigh, close)));
            writer.WriteString("l", market.FormatPrice(Math.Min(state.TickerLow, close)));
            writer.WriteString("o", market.FormatPrice(state.TickerOpen));
            writer.WriteString("s", market.Symbol);
            writer.WriteString("v", market.FormatQuantity(state.VolumeLots * ProviderVolumeFactor));
        });
    }

    /// <summary>
    /// Publishes <c>stockPrice</c> and <c>stockIndicativeQuote</c> for every configured ticker (spec §6.10, §6.11): long
    /// key names, the source timestamp in milliseconds, and nulls for the sides and the session while the market is closed.
    /// </summary>
    private void PublishStocks(FrameBatch batch)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_engineTime / 1000).UtcDateTime;
        var session = SimulatedStock.SessionAt(now);
        foreach (var stock in _stocks)
        {
            var mid = stock.MidAt(now);
            var (bid, ask) = stock.SidesAt(now, session);
            var (estimatedBid, estimatedAsk) = stock.EstimatesAt(now, session);
            batch.Add(stock.PriceStream, writer =>
            {
                ModelPayloads.NullableDecimal(writer, "ask", ask, writeNull: true);
                ModelPayloads.NullableDecimal(writer, "bid", bid, writeNull: true);
                ModelPayloads.NullableDecimal(writer, "mid", mid, writeNull: true);
                ModelPayloads.NullableString(writer, "session", session, writeNull: true);
                writer.WriteString("symbol", stock.Ticker);
                writer.WriteNumber("timestamp", (_engineTime / 1000) - ProviderDelayMs);
            });
            batch.Add(stock.QuoteStream, writer =>
            {
                ModelPayloads.NullableDecimal(writer, "estimatedAsk", estimatedAsk, writeNull: true);
                ModelPayloads.NullableDecimal(writer, "estimatedBid", estimatedBid, writeNull: true);
                ModelPayloads.NullableString(writer, "session", session, writeNull: true);
            });
        }
    }
}
