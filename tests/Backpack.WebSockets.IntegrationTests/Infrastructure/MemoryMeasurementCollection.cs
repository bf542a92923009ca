namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>Tests that measure the whole process's allocations: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
