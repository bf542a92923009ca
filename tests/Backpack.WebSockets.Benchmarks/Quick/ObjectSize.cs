using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>The size of one delivered <see cref="Trade"/> object graph (its symbol is interned, so shared, not per message).</summary>
internal static class ObjectSize
{
    public static long TradeBytes()
    {
        const int Count = 10_000;
        var keep = new Trade[Count];
        var symbol = "BTC_USDC_PERP";
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            keep[i] = new Trade { Symbol = symbol, Price = i, Quantity = 1m, TradeId = i };
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(keep);
        return bytes / Count;
    }
}
