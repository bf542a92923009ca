namespace Backpack.WebSockets.Testing;

/// <summary>One matching-engine update (one update id) and the level changes it made, kept to roll a REST snapshot back.</summary>
/// <param name="Id">The update id.</param>
/// <param name="Changes">The changes, in the order they were made.</param>
internal sealed record EngineUpdate(long Id, IReadOnlyList<BookChange> Changes);
