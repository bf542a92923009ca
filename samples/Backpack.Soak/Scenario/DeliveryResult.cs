namespace Backpack.Soak;

/// <summary>What <see cref="DeliveryCheck.Compare"/> found when matching received events against sent ones.</summary>
internal sealed record DeliveryResult
{
    /// <summary>Events the server wrote to a connection.</summary>
    public int Sent { get; init; }

    /// <summary>Events the consumer received.</summary>
    public int Received { get; init; }

    /// <summary>Received events that were already received before.</summary>
    public int Duplicates { get; init; }

    /// <summary>Received events the server never wrote.</summary>
    public int Unexpected { get; init; }

    /// <summary>Received events that came after one the server wrote later.</summary>
    public int OutOfOrder { get; init; }

    /// <summary>Sent events missing although a later event of the same connection arrived: a hole, never acceptable.</summary>
    public int LostMidStream { get; init; }

    /// <summary>Sent events missing at the end of the connection that is still open: never acceptable once drained.</summary>
    public int LostOnLiveConnection { get; init; }

    /// <summary>
    /// Sent events missing at the very end of a connection that a fault ended: written by the server but still in
    /// transit (server buffers, socket) when the connection was aborted. Reported, as a real network loses them too.
    /// </summary>
    public int LostInFlightAtFault { get; init; }

    /// <summary>The connection of each event counted in <see cref="LostInFlightAtFault"/>, to tell which fault lost it.</summary>
    public IReadOnlyList<long> LostInFlightConnectionIds { get; init; } = [];

    /// <summary>Sent events whose identity repeats an earlier one: the comparison would be ambiguous.</summary>
    public int KeyCollisions { get; init; }

    /// <summary>Whether every event written to a connection arrived exactly once and in order, apart from <see cref="LostInFlightAtFault"/>.</summary>
    public bool IsExactlyOnceInOrder =>
        Duplicates == 0 && Unexpected == 0 && OutOfOrder == 0 && LostMidStream == 0 && LostOnLiveConnection == 0 && KeyCollisions == 0;
}
