using System.Text.Json;

namespace Backpack.WebSockets.Testing;

public sealed partial class MarketSimulator
{
    /// <summary>The spellings of a removed level's quantity seen on the live wire; never compare quantities as strings.</summary>
    private static readonly string[] s_zeroSpellings = ["0", "0.00", "0.00000"];

    /// <summary>
    /// Publishes the step's real-time depth message (<c>U</c> = first update id, <c>u</c> = last) and merges it into the
    /// aggregated windows. A window is flushed first when the new message would not continue it (a later time window, or
    /// a gap in ids), so an injected gap is visible on the aggregated streams too.
    /// </summary>
    private void PublishDepth(MarketState state, long firstId, LevelChanges changes, FrameBatch batch)
    {
        var lastId = state.LastUpdateId;
        batch.Add(state.DepthStream, writer => WriteDepth(writer, state.Market, firstId, lastId, changes, _engineTime));
        foreach (var window in state.Windows)
        {
            var index = _engineTime / window.LengthMicroseconds;
            if (window.HasPending && (window.Index != index || window.LastId + 1 != firstId))
            {
                Flush(state, window, batch);
            }

            if (!window.HasPending)
            {
                window.HasPending = true;
                window.Index = index;
                window.FirstId = firstId;
            }

            window.LastId = lastId;
            window.EngineTime = _engineTime;
            window.Levels.Merge(changes);
        }
    }

    /// <summary>Publishes the aggregated windows that ended before this step's time.</summary>
    private void FlushDueWindows(MarketState state, FrameBatch batch)
    {
        foreach (var window in state.Windows)
        {
            if (window.HasPending && (window.Index + 1) * window.LengthMicroseconds <= _engineTime)
            {
                Flush(state, window, batch);
            }
        }
    }

    /// <summary>Publishes one aggregated window: <c>U</c> the first merged id, <c>u</c> the last, each level's final quantity.</summary>
    private void Flush(MarketState state, DepthWindow window, FrameBatch batch)
    {
        batch.Add(window.Stream, writer => WriteDepth(writer, state.Market, window.FirstId, window.LastId, window.Levels, window.EngineTime));
        window.HasPending = false;
        window.Levels.Clear();
    }

    /// <summary>Writes a depth payload (spec §6.2), keys in the live wire's order.</summary>
    private void WriteDepth(Utf8JsonWriter writer, SimulatedMarket market, long firstId, long lastId, LevelChanges levels, long engineTime)
    {
        writer.WriteNumber("E", _eventTime);
        writer.WriteNumber("T", engineTime);
        writer.WriteNumber("U", firstId);
        WriteLevels(writer, "a", market, levels.Side(isBid: false), lastId);
        WriteLevels(writer, "b", market, levels.Side(isBid: true), lastId);
        writer.WriteString("e", "depth");
        writer.WriteString("s", market.Symbol);
        writer.WriteNumber("u", lastId);
    }

    private static void WriteLevels(Utf8JsonWriter writer, string name, SimulatedMarket market, IEnumerable<(long Ticks, long Lots)> levels, long lastId)
    {
        writer.WriteStartArray(name);
        foreach (var (ticks, lots) in levels)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(market.FormatPrice(ticks));
            writer.WriteStringValue(lots == 0 ? s_zeroSpellings[(ticks + lastId) % s_zeroSpellings.Length] : market.FormatQuantity(lots));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Publishes <c>bookTicker</c> when the best bid or ask (price or quantity) changed; its <c>u</c> is the depth update id.</summary>
    private void PublishBookTickerIfChanged(MarketState state, FrameBatch batch)
    {
        var top = Top(state.Book);
        if (top == state.LastTop)
        {
            return;
        }

        state.LastTop = top;
        var market = state.Market;
        var updateId = state.LastUpdateId;
        batch.Add(state.BookTickerStream, writer =>
        {
            writer.WriteString("A", market.FormatQuantity(top.Item4));
            writer.WriteString("B", market.FormatQuantity(top.Item2));
            writer.WriteNumber("E", _eventTime);
            writer.WriteNumber("T", _engineTime);
            writer.WriteString("a", market.FormatPrice(top.Item3));
            writer.WriteString("b", market.FormatPrice(top.Item1));
            writer.WriteString("e", "bookTicker");
            writer.WriteString("s", market.Symbol);
            writer.WriteNumber("u", updateId);
        });
    }
}
