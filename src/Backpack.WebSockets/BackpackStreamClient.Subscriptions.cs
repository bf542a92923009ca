using Backpack.WebSockets.Connections;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Subscribes to a stream. Returns once the server accepted the subscription: on the stream's first frame, or when
    /// <see cref="BackpackStreamClientOptions.SubscribeErrorWindow"/> passed without an error frame. Streams subscribed at
    /// the same time go out together, in one frame per connection and kind.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="stream">The stream, from <see cref="BackpackStreams"/>.</param>
    /// <param name="cancellationToken">Cancels the subscribe (the subscription is then released).</param>
    /// <returns>A new consumer of the stream. Enumerate it with <c>await foreach</c>; dispose it to release it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="BackpackStreamException">
    /// <see cref="BackpackStreamErrorCode.AuthenticationFailed"/> for a private stream without credentials (nothing is sent)
    /// or with a signature the server rejected (4003); <see cref="BackpackStreamErrorCode.SubscriptionRejected"/> when the
    /// server rejected the stream (4006, 4008), or when its market is unknown or closed (checked before anything is sent,
    /// see <see cref="BackpackStreamClientOptions.ValidateSymbols"/>); <see cref="BackpackStreamErrorCode.ProtocolViolation"/> when it could not
    /// parse the request (4002); <see cref="BackpackStreamErrorCode.ConnectionFailed"/> when the connection could not be
    /// opened, or a connection error when its reconnect policy gave up.
    /// </exception>
    /// <exception cref="InvalidOperationException">The stream is already subscribed with another item type.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public virtual async Task<BackpackSubscription<T>> SubscribeAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ThrowIfDisposed();
        if (stream.IsPrivate && _signer is null)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.AuthenticationFailed,
                $"'{stream.Name}' is a private stream; set {nameof(BackpackStreamClientOptions.ApiKey)} and {nameof(BackpackStreamClientOptions.ApiSecret)} to subscribe to it.",
                stream.Name);
        }

        await CheckMarketAsync(stream, cancellationToken).ConfigureAwait(false);
        StreamConnection connection;
        StreamRegistration<T> registration;
        BackpackSubscription<T> consumer;
        var created = false;
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_registry.TryGetValue(stream.Name, out var placement))
            {
                registration = placement.Registration as StreamRegistration<T> ?? throw new InvalidOperationException(
                    $"'{stream.Name}' is already subscribed with item type {placement.Registration.ItemType.Name}, not {typeof(T).Name}.");
                connection = placement.Connection;
            }
            else
            {
                // Placed under the registry lock: concurrent subscribes of one stream give one SUBSCRIBE on one socket.
                registration = new StreamRegistration<T>(stream.Name, stream.Parser);
                connection = _pool.Place(registration);
                _registry[stream.Name] = new StreamPlacement(registration, connection);
                created = true;
            }

            consumer = new BackpackSubscription<T>(
                registration,
                this,
                stream.IsPrivate ? _options.PrivateStreamCapacity : _options.StreamCapacity,
                _options.AllowSynchronousContinuations);
            registration.Add(consumer);
        }

        try
        {
            await connection.EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            await registration.Accepted.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await consumer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (created)
        {
            WatchForSilence(registration);
        }

        return consumer;
    }

    /// <summary>
    /// Ends every consumer of <paramref name="streamName"/> (their <c>await foreach</c> loops finish normally) and sends
    /// UNSUBSCRIBE. Does nothing when the stream is not subscribed.
    /// </summary>
    /// <param name="streamName">The stream name, for example <see cref="BackpackSubscription{T}.StreamName"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the UNSUBSCRIBE to be sent (it is still sent).</param>
    /// <returns>A task that completes when the UNSUBSCRIBE was sent.</returns>
    /// <exception cref="ArgumentException"><paramref name="streamName"/> is empty or not a valid stream name.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public virtual async Task UnsubscribeAsync(string streamName, CancellationToken cancellationToken = default)
    {
        StreamNames.ValidateStreamName(streamName, nameof(streamName));
        ThrowIfDisposed();
        StreamPlacement? placement;
        Task sent;
        lock (_gate)
        {
            if (!_registry.Remove(streamName, out placement))
            {
                return;
            }

            placement.Registration.IsRemoved = true;
            sent = placement.Connection.Remove(placement.Registration);
        }

        placement.Registration.TryFail(new BackpackStreamException(BackpackStreamErrorCode.SubscriptionRejected, $"'{streamName}' was unsubscribed while subscribing.", streamName));
        placement.Registration.CompleteAll(null);
        _pool.OnStreamRemoved(placement.Connection);
        await sent.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    Task ISubscriptionOwner.ReleaseAsync<T>(StreamRegistration<T> registration, BackpackSubscription<T> consumer)
    {
        StreamConnection connection;
        Task sent;
        lock (_gate)
        {
            if (!registration.Remove(consumer) || registration.ConsumerCount > 0 || registration.IsRemoved
                || !_registry.TryGetValue(registration.Name, out var placement) || !ReferenceEquals(placement.Registration, registration))
            {
                return Task.CompletedTask;
            }

            registration.IsRemoved = true;
            _registry.Remove(registration.Name);
            connection = placement.Connection;
            sent = connection.Remove(registration);
        }

        // A subscribe still waiting for its answer is released at once; the queue keeps the request in flight until its
        // window ends, so a late error frame lands on it and not on the next stream.
        registration.TryFail(new OperationCanceledException($"Every consumer of '{registration.Name}' left before the subscription was confirmed."));
        _pool.OnStreamRemoved(connection);
        return sent;
    }

    /// <inheritdoc/>
    void ISubscriptionOwner.OnItemsDropped(string streamName, long totalDropped)
    {
        _metrics?.RecordDropped(StreamNames.StreamTypeOf(streamName));

        // Log the first drop and then every tenfold, so a stalled consumer is visible without flooding the log.
        if (StreamConnection.IsPowerOfTen(totalDropped))
        {
            Log.ItemsDropped(_logger, streamName, totalDropped);
        }
    }

    /// <inheritdoc/>
    void ISubscriptionOwner.OnSlowConsumer(string streamName, int capacity) => Log.SlowConsumer(_logger, streamName, capacity);
}
