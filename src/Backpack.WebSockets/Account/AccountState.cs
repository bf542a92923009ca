namespace Backpack.WebSockets.Account;

/// <summary>Whether a <see cref="BackpackAccountTracker"/> can be trusted.</summary>
public enum AccountState
{
    /// <summary>Started, the first REST snapshot not merged yet.</summary>
    Syncing = 0,

    /// <summary>In sync: every stream event since the last snapshot was applied.</summary>
    Synced,

    /// <summary>The private connection was lost (or a stream ended): events may be missing until the next reconciliation.</summary>
    Stale,
}
