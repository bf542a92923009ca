using Backpack.WebSockets.Connections;

namespace Backpack.WebSockets.Tests.Connection;

public class DefaultReconnectPolicyTests
{
    private static readonly Exception Reason = new BackpackStreamException(BackpackStreamErrorCode.ConnectionLost, "lost");

    [Fact]
    public void Schedule_WithoutJitter_IsZeroThenDoublingFromOneSecondCappedAtThirty()
    {
        var policy = new DefaultReconnectPolicy(() => 0.5);

        var delays = Enumerable.Range(0, 9).Select(n => policy.NextRetryDelay(new BackpackRetryContext(n, TimeSpan.Zero, Reason))).ToArray();

        TimeSpan?[] expected = [.. new[] { 0, 1, 2, 4, 8, 16, 30, 30, 30 }.Select(s => (TimeSpan?)TimeSpan.FromSeconds(s))];
        Assert.Equal(expected, delays);
    }

    [Theory]
    [InlineData(0.0, 1, 0.8)]
    [InlineData(0.0, 4, 6.4)]
    [InlineData(0.9999999, 2, 2.4)]
    [InlineData(0.9999999, 6, 30)]
    [InlineData(0.0, 6, 24)]
    public void Jitter_VariesADelayByAtMostTwentyPercent_AndNeverPastTheCap(double random, int previousRetries, double expectedSeconds)
    {
        var policy = new DefaultReconnectPolicy(() => random);

        var delay = policy.NextRetryDelay(new BackpackRetryContext(previousRetries, TimeSpan.Zero, Reason));

        Assert.Equal(expectedSeconds, delay!.Value.TotalSeconds, precision: 3);
    }

    [Fact]
    public void FirstRetry_IsImmediateWhateverTheJitter()
    {
        var policy = new DefaultReconnectPolicy(() => 0.99);

        Assert.Equal(TimeSpan.Zero, policy.NextRetryDelay(new BackpackRetryContext(0, TimeSpan.Zero, Reason)));
    }

    [Fact]
    public void DefaultPolicy_NeverGivesUp()
    {
        var delay = BackpackReconnectPolicy.Default.NextRetryDelay(new BackpackRetryContext(100_000, TimeSpan.FromDays(3), Reason));

        Assert.NotNull(delay);
        Assert.InRange(delay.Value, TimeSpan.FromSeconds(24), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void NeverPolicy_GivesUpAtOnce()
    {
        Assert.Null(BackpackReconnectPolicy.Never.NextRetryDelay(new BackpackRetryContext(0, TimeSpan.Zero, Reason)));
    }

    [Fact]
    public void RetryContext_RejectsNegativeValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackpackRetryContext(-1, TimeSpan.Zero, Reason));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackpackRetryContext(0, TimeSpan.FromSeconds(-1), Reason));
        Assert.Throws<ArgumentNullException>(() => new BackpackRetryContext(0, TimeSpan.Zero, null!));
    }
}
