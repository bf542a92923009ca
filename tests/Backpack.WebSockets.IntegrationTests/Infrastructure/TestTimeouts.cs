namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>Bounds for awaits that should complete promptly: they only turn a hang into a failure, they never pace a test.</summary>
internal static class TestTimeouts
{
    /// <summary>The bound for any single wait.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    /// <summary>Waits for <paramref name="task"/>, failing after <see cref="Default"/>.</summary>
    public static Task OrTimeout(this Task task) => task.WaitAsync(Default);

    /// <summary>Waits for <paramref name="task"/>, failing after <see cref="Default"/>.</summary>
    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
