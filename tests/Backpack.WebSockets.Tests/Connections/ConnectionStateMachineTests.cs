using Backpack.WebSockets.Connections;

namespace Backpack.WebSockets.Tests.Connection;

public class ConnectionStateMachineTests
{
    private static readonly HashSet<(BackpackConnectionState, BackpackConnectionState)> Legal =
    [
        (BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting),
        (BackpackConnectionState.Disconnected, BackpackConnectionState.Closed),
        (BackpackConnectionState.Connecting, BackpackConnectionState.Connected),
        (BackpackConnectionState.Connecting, BackpackConnectionState.Disconnected),
        (BackpackConnectionState.Connecting, BackpackConnectionState.Closed),
        (BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting),
        (BackpackConnectionState.Connected, BackpackConnectionState.Disconnected),
        (BackpackConnectionState.Connected, BackpackConnectionState.Closed),
        (BackpackConnectionState.Reconnecting, BackpackConnectionState.Connected),
        (BackpackConnectionState.Reconnecting, BackpackConnectionState.Disconnected),
        (BackpackConnectionState.Reconnecting, BackpackConnectionState.Closed),
    ];

    public static TheoryData<BackpackConnectionState, BackpackConnectionState> AllPairs()
    {
        var data = new TheoryData<BackpackConnectionState, BackpackConnectionState>();
        foreach (var from in Enum.GetValues<BackpackConnectionState>())
        {
            foreach (var to in Enum.GetValues<BackpackConnectionState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void EveryTransition_IsLegalExactlyWhenListed_AndAnIllegalOneThrowsNamingBothStates(BackpackConnectionState from, BackpackConnectionState to)
    {
        var machine = Reach(from);
        Assert.Equal(from, machine.Current);

        if (Legal.Contains((from, to)))
        {
            Assert.True(ConnectionStateMachine.IsLegal(from, to));
            Assert.True(machine.TryChangeState(from, to));
            Assert.Equal(to, machine.Current);
        }
        else
        {
            Assert.False(ConnectionStateMachine.IsLegal(from, to));
            var error = Assert.Throws<InvalidOperationException>(() => machine.TryChangeState(from, to));
            Assert.Contains($"from {from} to {to}", error.Message);
            Assert.Equal(from, machine.Current);
        }
    }

    [Fact]
    public void LegalTransition_FromAnotherStateThanTheCurrent_IsRefusedWithoutChange()
    {
        var machine = Reach(BackpackConnectionState.Connected);

        Assert.False(machine.TryChangeState(BackpackConnectionState.Reconnecting, BackpackConnectionState.Connected));
        Assert.False(machine.TryChangeState(BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting));
        Assert.Equal(BackpackConnectionState.Connected, machine.Current);
    }

    [Fact]
    public void NewMachine_StartsDisconnected()
    {
        Assert.Equal(BackpackConnectionState.Disconnected, new ConnectionStateMachine().Current);
    }

    [Fact]
    public void ChangedAt_IsStampedOnEachChangeOnly_AndDisconnectError_IsKeptOnlyWhileDisconnected()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var created = time.GetUtcNow();
        var machine = new ConnectionStateMachine(time);
        var lost = new InvalidOperationException("lost");
        Assert.Equal(created, machine.ChangedAt);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(machine.TryChangeState(BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting, lost));
        Assert.Null(machine.DisconnectError);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(machine.TryChangeState(BackpackConnectionState.Connecting, BackpackConnectionState.Disconnected, lost));
        Assert.Same(lost, machine.DisconnectError);
        Assert.Equal(created.AddSeconds(3), machine.ChangedAt);

        // A refused change leaves both alone.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(machine.TryChangeState(BackpackConnectionState.Connecting, BackpackConnectionState.Connected));
        Assert.Same(lost, machine.DisconnectError);
        Assert.Equal(created.AddSeconds(3), machine.ChangedAt);

        Assert.True(machine.TryChangeState(BackpackConnectionState.Disconnected, BackpackConnectionState.Connecting));
        Assert.Null(machine.DisconnectError);
        Assert.Equal(created.AddSeconds(7), machine.ChangedAt);
    }

    /// <summary>Drives a new machine to <paramref name="state"/> through legal transitions only.</summary>
    private static ConnectionStateMachine Reach(BackpackConnectionState state)
    {
        var machine = new ConnectionStateMachine();
        BackpackConnectionState[] path = state switch
        {
            BackpackConnectionState.Disconnected => [],
            BackpackConnectionState.Connecting => [BackpackConnectionState.Connecting],
            BackpackConnectionState.Connected => [BackpackConnectionState.Connecting, BackpackConnectionState.Connected],
            BackpackConnectionState.Reconnecting => [BackpackConnectionState.Connecting, BackpackConnectionState.Connected, BackpackConnectionState.Reconnecting],
            _ => [BackpackConnectionState.Closed],
        };
        foreach (var next in path)
        {
            Assert.True(machine.TryChangeState(machine.Current, next));
        }

        return machine;
    }
}
