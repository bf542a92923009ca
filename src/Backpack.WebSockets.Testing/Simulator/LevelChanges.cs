namespace Backpack.WebSockets.Testing;

/// <summary>The final quantity per level over one or more engine updates: the content of a depth message.</summary>
internal sealed class LevelChanges
{
    /// <summary>Final lots per (side, ticks).</summary>
    private readonly Dictionary<(bool IsBid, long Ticks), long> _levels = [];

    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => _levels.Count == 0;

    /// <summary>Records the final values of <paramref name="changes"/>.</summary>
    public void Merge(IEnumerable<BookChange> changes)
    {
        foreach (var change in changes)
        {
            _levels[(change.IsBid, change.Ticks)] = change.NewLots;
        }
    }

    /// <summary>Records the final values of another set.</summary>
    public void Merge(LevelChanges other)
    {
        foreach (var (key, lots) in other._levels)
        {
            _levels[key] = lots;
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear() => _levels.Clear();

    /// <summary>One side's changed levels, ascending by price as the wire lists them.</summary>
    public IEnumerable<(long Ticks, long Lots)> Side(bool isBid) =>
        _levels.Where(level => level.Key.IsBid == isBid)
            .Select(level => (level.Key.Ticks, level.Value))
            .OrderBy(level => level.Ticks);
}
