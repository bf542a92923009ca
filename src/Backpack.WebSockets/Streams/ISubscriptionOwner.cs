namespace Backpack.WebSockets.Streams;

/// <summary>What a consumer calls to leave its stream; implemented by the client.</summary>
internal interface ISubscriptionOwner
{
    /// <summary>
    /// Detaches <paramref name="consumer"/> from <paramref name="registration"/>. The last consumer to leave queues an
    /// UNSUBSCRIBE; the returned task completes when that request was handled. Never throws.
    /// </summary>
    Task ReleaseAsync<T>(StreamRegistration<T> registration, BackpackSubscription<T> consumer);

    /// <summary>Reports items a market-data consumer dropped because it fell behind.</summary>
    void OnItemsDropped(string streamName, long totalDropped);

    /// <summary>Reports a private consumer that fell behind and was faulted.</summary>
    void OnSlowConsumer(string streamName, int capacity);
}
