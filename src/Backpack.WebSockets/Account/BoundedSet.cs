namespace Backpack.WebSockets.Account;

/// <summary>A set that forgets its oldest members beyond a limit, so a long-running tracker's memory stays bounded.</summary>
internal sealed class BoundedSet<T>
    where T : notnull
{
    private readonly HashSet<T> _members = [];
    private readonly Queue<T> _order = new();
    private readonly int _limit;

    public BoundedSet(int limit) => _limit = limit;

    public bool Contains(T item) => _members.Contains(item);

    /// <summary>Adds <paramref name="item"/>; returns <see langword="false"/> when it was already there.</summary>
    public bool Add(T item)
    {
        if (!_members.Add(item))
        {
            return false;
        }

        _order.Enqueue(item);
        if (_order.Count > _limit)
        {
            _members.Remove(_order.Dequeue());
        }

        return true;
    }
}
