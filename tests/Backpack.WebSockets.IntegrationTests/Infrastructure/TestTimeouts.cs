namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>Bounds for awaits that should complete promptly: they only turn a hang into a failure, they never pace a test.</summary>
internal static class TestTimeouts
{
    /// <summary>The bound for any single wait.</summary>
    /// <remarks>
    /// Far above any legitimate wait, so that it only catches hangs: the first connection of the test process (socket
    /// handler and Kestrel start-up, JIT) takes 0.4 to 1.4 s on an idle 2-core machine, and many times that when the
    /// machine is shared and the test classes start in parallel. 10 s was within reach of that cold start.
    /// </remarks>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Waits for <paramref name="task"/>, failing after <see cref="Default"/>.</summary>
    public static Task OrTimeout(this Task task) => task.WaitAsync(Default);

    /// <summary>Waits for <paramref name="task"/>, failing after <see cref="Default"/>.</summary>
    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
