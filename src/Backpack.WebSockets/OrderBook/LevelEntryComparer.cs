namespace Backpack.WebSockets.OrderBook;

/// <summary>Orders levels by price: ascending for asks, descending for bids, so both sides enumerate best first.</summary>
internal sealed class LevelEntryComparer : IComparer<LevelEntry>
{
    private readonly bool _descending;

    private LevelEntryComparer(bool descending) => _descending = descending;

    public static LevelEntryComparer Ascending { get; } = new(descending: false);

    public static LevelEntryComparer Descending { get; } = new(descending: true);

    public int Compare(LevelEntry? x, LevelEntry? y)
    {
        var order = x!.Price.CompareTo(y!.Price);
        return _descending ? -order : order;
    }
}
