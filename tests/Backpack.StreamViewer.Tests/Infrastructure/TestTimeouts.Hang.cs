namespace Backpack.WebSockets.TestSupport;

/// <summary>The viewer tests' bound (the helpers are in <c>tests/Shared/TestTimeouts.cs</c>).</summary>
internal static partial class TestTimeouts
{
    /// <summary>The bound for any single wait: far above any legitimate wait, so that it only catches hangs.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
}
