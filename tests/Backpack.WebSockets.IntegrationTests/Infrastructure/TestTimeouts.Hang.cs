namespace Backpack.WebSockets.TestSupport;

/// <summary>The integration tests' bound (the helpers are in <c>tests/Shared/TestTimeouts.cs</c>).</summary>
internal static partial class TestTimeouts
{
    /// <summary>The bound for any single wait.</summary>
    /// <remarks>
    /// Far above any legitimate wait, so that it only catches hangs: the first connection of the test process (socket
    /// handler and Kestrel start-up, JIT) takes 0.4 to 1.4 s on an idle 2-core machine, and many times that when the
    /// machine is shared and the test classes start in parallel. 10 s was within reach of that cold start.
    /// </remarks>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
}
