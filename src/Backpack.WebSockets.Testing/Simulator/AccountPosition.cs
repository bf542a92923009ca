namespace Backpack.WebSockets.Testing;

/// <summary>The simulated account's position in one perpetual market.</summary>
internal sealed class AccountPosition(long id)
{
    /// <summary>The position id.</summary>
    public long Id { get; set; } = id;

    /// <summary>The net quantity: positive long, negative short, 0 flat.</summary>
    public decimal NetQuantity { get; set; }

    /// <summary>The average entry price.</summary>
    public decimal EntryPrice { get; set; }

    /// <summary>The realized profit and loss.</summary>
    public decimal RealizedPnl { get; set; }
}
