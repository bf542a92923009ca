namespace Backpack.Soak;

/// <summary>Matches the private events a consumer received against the ones the server wrote, connection by connection.</summary>
internal static class DeliveryCheck
{
    /// <summary>Compares <paramref name="received"/> (keys, in arrival order) with <paramref name="sent"/> (in write order).</summary>
    /// <param name="sent">Every event written, in the order the server wrote them (all connections).</param>
    /// <param name="received">The keys the consumer saw, in order.</param>
    /// <param name="liveConnectionId">The connection still open at the end (its events must all have arrived), or 0 for none.</param>
    /// <returns>The counts; see <see cref="DeliveryResult.IsExactlyOnceInOrder"/>.</returns>
    public static DeliveryResult Compare(IReadOnlyList<SentEvent> sent, IReadOnlyList<string> received, long liveConnectionId)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(received);

        var indexByKey = new Dictionary<string, int>(sent.Count, StringComparer.Ordinal);
        var collisions = 0;
        for (var i = 0; i < sent.Count; i++)
        {
            if (!indexByKey.TryAdd(sent[i].Key, i))
            {
                collisions++;
            }
        }

        var seen = new bool[sent.Count];
        int duplicates = 0, unexpected = 0, outOfOrder = 0, last = -1;
        foreach (var key in received)
        {
            if (!indexByKey.TryGetValue(key, out var index))
            {
                unexpected++;
            }
            else if (seen[index])
            {
                duplicates++;
            }
            else
            {
                seen[index] = true;
                if (index < last)
                {
                    outOfOrder++;
                }

                last = Math.Max(last, index);
            }
        }

        // A missing event is a hole if a later event of its connection arrived, otherwise the connection's lost tail.
        var lastSeenByConnection = new Dictionary<long, int>();
        for (var i = 0; i < sent.Count; i++)
        {
            if (seen[i])
            {
                lastSeenByConnection[sent[i].ConnectionId] = i;
            }
        }

        int midStream = 0, onLive = 0;
        var inFlight = new List<long>();
        for (var i = 0; i < sent.Count; i++)
        {
            if (seen[i])
            {
                continue;
            }

            var connection = sent[i].ConnectionId;
            if (lastSeenByConnection.TryGetValue(connection, out var lastSeen) && lastSeen > i)
            {
                midStream++;
            }
            else if (connection == liveConnectionId)
            {
                onLive++;
            }
            else
            {
                inFlight.Add(connection);
            }
        }

        return new DeliveryResult
        {
            Sent = sent.Count,
            Received = received.Count,
            Duplicates = duplicates,
            Unexpected = unexpected,
            OutOfOrder = outOfOrder,
            LostMidStream = midStream,
            LostOnLiveConnection = onLive,
            LostInFlightAtFault = inFlight.Count,
            LostInFlightConnectionIds = inFlight,
            KeyCollisions = collisions,
        };
    }
}
