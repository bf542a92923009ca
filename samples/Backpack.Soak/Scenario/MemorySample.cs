namespace Backpack.Soak;

/// <summary>One memory reading of the soak process (client, server and simulator all run in it).</summary>
/// <param name="Elapsed">Time since the market started.</param>
/// <param name="ManagedBytes">The managed heap after a full collection (<c>GC.GetTotalMemory(true)</c>).</param>
/// <param name="WorkingSetBytes">The process working set.</param>
internal readonly record struct MemorySample(TimeSpan Elapsed, long ManagedBytes, long WorkingSetBytes);
