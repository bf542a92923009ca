namespace Backpack.WebSockets.Benchmarks.Frames;

/// <summary>The recorded frames the parse-and-route benchmarks run on.</summary>
public enum FrameKind
{
    /// <summary><c>trade.BTC_USDC_PERP</c>, spec §6.3.</summary>
    Trade,

    /// <summary><c>bookTicker.SOL_USDC</c>, spec §6.1.</summary>
    BookTicker,

    /// <summary><c>depth.SOL_USDC</c> with 20 levels per side, in the shape of spec §6.2.</summary>
    Depth20,

    /// <summary><c>account.orderUpdate.ETH_USDC</c> orderFill, spec §7.1.</summary>
    OrderFill,
}
