namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>Wire times as the models hold them.</summary>
internal static class WireTime
{
    /// <summary>The instant <paramref name="microseconds"/> after the Unix epoch (the wire's <c>E</c> and <c>T</c>).</summary>
    public static DateTimeOffset Micros(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
