namespace Backpack.StreamViewer.Tests;

/// <summary>Bounds on waits that should end long before: they only turn a hang into a failure.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task OrTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
