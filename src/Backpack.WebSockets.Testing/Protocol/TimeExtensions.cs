namespace Backpack.WebSockets.Testing;

/// <summary>Wire time formats: Unix microseconds (<c>E</c>, <c>T</c>, REST depth <c>timestamp</c>).</summary>
internal static class TimeExtensions
{
    /// <summary>Unix time in microseconds, as the wire writes event and engine times.</summary>
    public static long ToUnixMicroseconds(this DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
