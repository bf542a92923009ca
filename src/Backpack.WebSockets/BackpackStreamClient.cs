namespace Backpack.WebSockets;

/// <summary>The client for Backpack Exchange WebSocket streams. (Being built.)</summary>
public partial class BackpackStreamClient
{
    /// <summary>For mocking.</summary>
    protected BackpackStreamClient()
    {
    }

    /// <summary>Subscribes to a stream.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="stream">The stream.</param>
    /// <param name="cancellationToken">Cancels the subscribe.</param>
    /// <returns>Nothing yet.</returns>
    public virtual Task SubscribeAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
