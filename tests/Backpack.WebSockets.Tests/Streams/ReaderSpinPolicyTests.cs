using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Tests.Streams;

public sealed class ReaderSpinPolicyTests
{
    [Fact]
    public void NewReader_ParksAtOnce()
    {
        var policy = default(ReaderSpinPolicy);

        Assert.False(policy.ShouldSpin);
    }

    [Fact]
    public void OneItemPerWake_AfterALongPark_ParksAtOnce()
    {
        // A quiet stream: every wake finds one item, and the park before it was long.
        var policy = default(ReaderSpinPolicy);
        for (var i = 0; i < 3; i++)
        {
            policy.OnParking();
            policy.OnWoke(ReaderSpinPolicy.ShortParkTicks * 10);
            policy.OnItem();

            Assert.False(policy.ShouldSpin);
        }
    }

    [Fact]
    public void SeveralItemsSinceTheWake_Spins_UntilTheNextPark()
    {
        var policy = default(ReaderSpinPolicy);
        policy.OnParking();
        policy.OnWoke(ReaderSpinPolicy.ShortParkTicks * 10);
        policy.OnItem();
        policy.OnItem();

        Assert.True(policy.ShouldSpin);

        policy.OnParking();
        Assert.False(policy.ShouldSpin);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void AParkShorterThanTheThreshold_Spins_EvenForOneItem(long ticksPastThreshold, bool spins)
    {
        var policy = default(ReaderSpinPolicy);
        policy.OnParking();
        policy.OnWoke(ReaderSpinPolicy.ShortParkTicks + ticksPastThreshold);
        policy.OnItem();

        Assert.Equal(spins, policy.ShouldSpin);
    }
}
