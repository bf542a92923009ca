using Backpack.Soak;

namespace Backpack.WebSockets.IntegrationTests.Soak;

/// <summary>The soak's exactly-once check on hand-made sequences: it must tell a lost tail at a fault from a hole, a duplicate or a reordering.</summary>
public sealed class DeliveryCheckTests
{
    private static readonly SentEvent[] s_twoConnections = [new(1, "a"), new(1, "b"), new(2, "c"), new(2, "d")];

    [Fact]
    public void Compare_EverythingOnce_InOrder_IsExactlyOnce()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "b", "c", "d"], liveConnectionId: 2);

        Assert.True(result.IsExactlyOnceInOrder);
        Assert.Equal(4, result.Sent);
        Assert.Equal(4, result.Received);
        Assert.Equal(0, result.LostInFlightAtFault);
    }

    [Fact]
    public void Compare_TailOfAFaultedConnectionMissing_CountsItInFlight_AndStillExactlyOnce()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "c", "d"], liveConnectionId: 2);

        Assert.Equal(1, result.LostInFlightAtFault);
        Assert.Equal([1L], result.LostInFlightConnectionIds);
        Assert.Equal(0, result.LostMidStream);
        Assert.True(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_HoleInAConnection_Fails()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["b", "c", "d"], liveConnectionId: 2);

        Assert.Equal(1, result.LostMidStream);
        Assert.False(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_TailOfTheLiveConnectionMissing_Fails()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "b", "c"], liveConnectionId: 2);

        Assert.Equal(1, result.LostOnLiveConnection);
        Assert.Equal(0, result.LostInFlightAtFault);
        Assert.False(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_Duplicate_Fails()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "b", "b", "c", "d"], liveConnectionId: 2);

        Assert.Equal(1, result.Duplicates);
        Assert.False(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_Reordered_Fails()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "c", "b", "d"], liveConnectionId: 2);

        Assert.Equal(1, result.OutOfOrder);
        Assert.False(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_EventNeverSent_Fails()
    {
        var result = DeliveryCheck.Compare(s_twoConnections, ["a", "b", "x", "c", "d"], liveConnectionId: 2);

        Assert.Equal(1, result.Unexpected);
        Assert.False(result.IsExactlyOnceInOrder);
    }

    [Fact]
    public void Compare_SentKeysRepeat_FailsAsAmbiguous()
    {
        var result = DeliveryCheck.Compare([new(1, "a"), new(2, "a")], ["a"], liveConnectionId: 2);

        Assert.Equal(1, result.KeyCollisions);
        Assert.False(result.IsExactlyOnceInOrder);
    }
}
