namespace Backpack.WebSockets.TestSupport;

/// <summary>
/// Bounds for awaits that should complete promptly: they only turn a hang into a failure, they never pace a test (a passing
/// test never waits for them). Linked into each test project, which sets its own <c>Hang</c> in <c>TestTimeouts.Hang.cs</c>.
/// </summary>
internal static partial class TestTimeouts
{
    /// <summary>Waits for <paramref name="task"/>, failing after the project's <c>Hang</c> bound.</summary>
    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Hang);

    /// <summary>Waits for <paramref name="task"/>, failing after the project's <c>Hang</c> bound.</summary>
    public static Task OrTimeout(this Task task) => task.WaitAsync(Hang);

    /// <summary>Waits for <paramref name="task"/>, failing after the project's <c>Hang</c> bound.</summary>
    public static Task OrTimeout(this ValueTask task) => task.AsTask().WaitAsync(Hang);
}
