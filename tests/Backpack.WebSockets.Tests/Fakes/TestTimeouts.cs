namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Timeouts that only bound a hang: a passing test never waits for them.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);

    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Hang);

    public static Task OrTimeout(this Task task) => task.WaitAsync(Hang);

    public static Task OrTimeout(this ValueTask task) => task.AsTask().WaitAsync(Hang);
}
