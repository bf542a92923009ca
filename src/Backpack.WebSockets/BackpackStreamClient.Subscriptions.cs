using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Subscribes to a stream. Returns once the server accepted the subscription: on the stream's first frame, or when
    /// <see cref="BackpackStreamClientOptions.SubscribeErrorWindow"/> passed without an error frame.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="stream">The stream, from <see cref="BackpackStreams"/>.</param>
    /// <param name="cancellationToken">Cancels the subscribe (the subscription is then released).</param>
    /// <returns>A new consumer of the stream. Enumerate it with <c>await foreach</c>; dispose it to release it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="BackpackStreamException">
    /// <see cref="BackpackStreamErrorCode.AuthenticationFailed"/> for a private stream without credentials (nothing is sent)
    /// or with a signature the server rejected (4003); <see cref="BackpackStreamErrorCode.SubscriptionRejected"/> when the
    /// server rejected the stream (4006); <see cref="BackpackStreamErrorCode.ConnectionFailed"/> or
    /// <see cref="BackpackStreamErrorCode.ConnectionLost"/> for connection failures.
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

        var target = PlaceStream(stream.Name);
        try
        {
            return await target.SubscribeHereAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref target._pendingPlacements);
        }
    }

    /// <summary>Subscribes on this client's own connection (the caller placed the stream here).</summary>
    private async Task<BackpackSubscription<T>> SubscribeHereAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        BackpackSubscription<T> consumer;
        StreamRegistration<T> registration;
        lock (_gate)
        {
            ThrowIfDisposed();

            // While reconnecting there is no session yet: the reconnect subscribes every registered stream, this one too.
            var session = _session;
            if (session is null && _stateMachine.Current != BackpackConnectionState.Reconnecting)
            {
                throw new BackpackStreamException(BackpackStreamErrorCode.ConnectionLost, "The connection was lost while subscribing.", stream.Name);
            }

            if (_registry.TryGetValue(stream.Name, out var existing))
            {
                registration = existing as StreamRegistration<T> ?? throw new InvalidOperationException(
                    $"'{stream.Name}' is already subscribed with item type {existing.ItemType.Name}, not {typeof(T).Name}.");
            }
            else
            {
                registration = new StreamRegistration<T>(stream.Name, stream.Parser);
                _registry[stream.Name] = registration;
                session?.Requests.Writer.TryWrite(new ServerRequest(ServerRequestKind.Subscribe, registration));
            }

            consumer = new BackpackSubscription<T>(registration, this, stream.IsPrivate ? _options.PrivateStreamCapacity : _options.StreamCapacity);
            registration.Add(consumer);
        }

        try
        {
            await registration.Confirmation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await consumer.DisposeAsync().ConfigureAwait(false);
            throw;
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
        foreach (var overflow in SnapshotOverflow())
        {
            if (overflow._registry.ContainsKey(streamName))
            {
                await overflow.UnsubscribeAsync(streamName, cancellationToken).ConfigureAwait(false);
            }
        }

        StreamRegistration? registration;
        ServerRequest? request = null;
        lock (_gate)
        {
            if (!_registry.TryRemove(streamName, out registration))
            {
                return;
            }

            registration.IsRemoved = true;
            request = QueueUnsubscribe(registration);
        }

        registration.Release(new BackpackStreamException(BackpackStreamErrorCode.SubscriptionRejected, $"'{streamName}' was unsubscribed while subscribing.", streamName));
        registration.CompleteAll(null);
        if (request is not null)
        {
            await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    Task ISubscriptionOwner.ReleaseAsync<T>(StreamRegistration<T> registration, BackpackSubscription<T> consumer)
    {
        ServerRequest? request = null;
        lock (_gate)
        {
            if (!registration.Remove(consumer) || registration.ConsumerCount > 0 || registration.IsRemoved)
            {
                return Task.CompletedTask;
            }

            registration.IsRemoved = true;
            _registry.TryRemove(new KeyValuePair<string, StreamRegistration>(registration.Name, registration));
            request = QueueUnsubscribe(registration);
        }

        // A SUBSCRIBE still waiting out its error window stops holding the UNSUBSCRIBE behind it, which goes out now (the
        // request stays the target of a late error frame until its window ends: see RunRequestPumpAsync).
        registration.Release(new OperationCanceledException($"Every consumer of '{registration.Name}' left before the subscription was confirmed."));
        return request?.Completion.Task ?? Task.CompletedTask;
    }

    /// <inheritdoc/>
    void ISubscriptionOwner.OnItemsDropped(string streamName, long totalDropped)
    {
        _metrics?.RecordDropped(StreamNames.StreamTypeOf(streamName));

        // Log the first drop and then every tenfold, so a stalled consumer is visible without flooding the log.
        if (IsPowerOfTen(totalDropped))
        {
            Log.ItemsDropped(_logger, streamName, totalDropped);
        }
    }

    /// <inheritdoc/>
    void ISubscriptionOwner.OnSlowConsumer(string streamName, int capacity) => Log.SlowConsumer(_logger, streamName, capacity);

    private static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }

    /// <summary>Queues an UNSUBSCRIBE on the live session, if any. The caller holds <see cref="_gate"/>.</summary>
    private ServerRequest? QueueUnsubscribe(StreamRegistration registration)
    {
        if (_session is not { } session)
        {
            return null;
        }

        var request = new ServerRequest(ServerRequestKind.Unsubscribe, registration);
        return session.Requests.Writer.TryWrite(request) ? request : null;
    }

    /// <summary>Fails a registration the server rejected: it leaves the registry and all of its consumers end with the error.</summary>
    private void RejectRegistration(StreamRegistration registration, BackpackStreamException error)
    {
        lock (_gate)
        {
            if (!registration.IsRemoved)
            {
                registration.IsRemoved = true;
                _registry.TryRemove(new KeyValuePair<string, StreamRegistration>(registration.Name, registration));
            }

            // The server holds no subscription to undo.
            registration.SubscribeSent = false;
        }

        registration.TryReject(error);
        registration.CompleteAll(error);
    }

    /// <summary>
    /// Sends the session's requests one at a time, in order. A SUBSCRIBE stays "in flight" until the stream's first frame,
    /// an error frame, or the end of the error window, so an error frame (which has no id) is never blamed on the wrong
    /// stream. Private SUBSCRIBEs are signed here, at send time, with a fresh timestamp.
    /// </summary>
    /// <remarks>
    /// A SUBSCRIBE whose consumers all left before it was answered stops holding the queue, but the server may still reject
    /// it: it stays in flight, as the target of that error, until its window ends. UNSUBSCRIBEs go out meanwhile; the next
    /// SUBSCRIBE waits, so the late error cannot be blamed on it.
    /// </remarks>
    private async Task RunRequestPumpAsync(ConnectionSession session)
    {
        var token = session.Cancellation.Token;
        Task? releasedWindow = null;
        try
        {
            await foreach (var request in session.Requests.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    if (request.Kind == ServerRequestKind.Subscribe)
                    {
                        if (releasedWindow is not null && !request.Registration.IsRemoved)
                        {
                            await releasedWindow.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                            releasedWindow = null;
                        }

                        releasedWindow = await SendSubscribeAsync(session, request.Registration, token).ConfigureAwait(false) ?? releasedWindow;
                    }
                    else if (request.Registration.SubscribeSent)
                    {
                        Log.Unsubscribing(_logger, request.Registration.Name);
                        await session.SendAsync(RequestWriter.Unsubscribe, [request.Registration.Name], null, token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // A failed send means a broken socket: abort it so the receive loop ends the session, which reconnects
                    // (and resubscribes this stream) or fails the subscriptions.
                    Log.SendFailed(_logger, request.Registration.Name, ex);
                    session.Socket.Abort();
                }
                finally
                {
                    request.Completion.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The session ended.
        }
    }

    /// <summary>Sends one SUBSCRIBE and waits until it was answered, its error window passed, or it was released.</summary>
    /// <returns>
    /// When the SUBSCRIBE was released before its answer: a task that completes at the end of its error window (or on its
    /// answer), until when it stays <see cref="ConnectionSession.InFlight"/>. Otherwise <see langword="null"/>.
    /// </returns>
    private async Task<Task?> SendSubscribeAsync(ConnectionSession session, StreamRegistration registration, CancellationToken token)
    {
        if (registration.IsRemoved)
        {
            // Every consumer left before the request went out: nothing to subscribe, nothing to undo later.
            registration.TryReject(new OperationCanceledException("Released before the SUBSCRIBE was sent."));
            return null;
        }

        IReadOnlyList<string>? signature = null;
        if (registration.IsPrivate)
        {
            var timestamp = GetSignatureTimestamp();
            signature = _signer!.SignSubscription(timestamp, (long)_options.SignatureWindow.TotalMilliseconds);
        }

        Log.Subscribing(_logger, registration.Name, registration.IsPrivate);
        using var activity = BackpackStreamActivities.StartSubscribe(registration.Name, registration.StreamType);
        var settled = registration.BeginAttempt(out var answered);
        Task? releasedWindow = null;

        // Set before the send: the server's rejection may arrive (and clear the flag) before SendAsync returns.
        registration.SubscribeSent = true;
        session.InFlight = registration;
        try
        {
            try
            {
                await session.SendAsync(RequestWriter.Subscribe, [registration.Name], signature, token).ConfigureAwait(false);
            }
            catch
            {
                // The socket is broken (or the session ending): the server subscription, if any, dies with it.
                registration.SubscribeSent = false;
                throw;
            }

            var sentAt = _timeProvider.GetTimestamp();
            await settled.WaitAsync(_options.SubscribeErrorWindow, _timeProvider, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!token.IsCancellationRequested)
            {
                var remaining = _options.SubscribeErrorWindow - _timeProvider.GetElapsedTime(sentAt);
                if (!answered.IsCompleted && registration.IsRemoved && remaining > TimeSpan.Zero)
                {
                    releasedWindow = answered.WaitAsync(remaining, _timeProvider, token);
                    _ = releasedWindow.ContinueWith(
                        t =>
                        {
                            _ = t.Exception;
                            session.ClearInFlight(registration);
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                    return releasedWindow;
                }

                // Silence for the whole window means success: Backpack does not acknowledge a SUBSCRIBE.
                registration.Confirm();
            }

            if (registration.Confirmation.IsCompletedSuccessfully && !registration.IsRemoved)
            {
                Log.Subscribed(_logger, registration.Name);
            }

            return null;
        }
        finally
        {
            if (releasedWindow is null)
            {
                session.InFlight = null;
            }

            BackpackStreamActivities.Complete(activity, registration.Confirmation);
        }
    }
}
