namespace Backpack.StreamViewer;

/// <summary>What <see cref="LocalBook.TryApplySnapshot"/> made of a snapshot.</summary>
internal enum SnapshotResult
{
    /// <summary>The book is synchronized.</summary>
    Synced,

    /// <summary>The snapshot is older than the first buffered diff: fetch again.</summary>
    TooOld,

    /// <summary>The buffered diffs do not chain after the snapshot: fetch again.</summary>
    Gap,
}
