namespace Backpack.WebSockets.TestSupport;

/// <summary>The unit tests' bound (the helpers are in <c>tests/Shared/TestTimeouts.cs</c>).</summary>
internal static partial class TestTimeouts
{
    /// <summary>The bound for any single wait: nothing here touches a network, so a hang shows soon.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);
}
