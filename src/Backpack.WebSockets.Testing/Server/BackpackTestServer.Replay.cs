namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>
    /// Plays <paramref name="recording"/> to the connected clients: each recorded frame goes, in recorded order, to the
    /// connections subscribed to its stream, with the recorded gaps divided by <see cref="ReplayOptions.Speed"/>; and
    /// <c>GET /api/v1/depth</c> answers the recorded snapshots, the n-th request for a symbol its n-th snapshot.
    /// </summary>
    /// <param name="recording">The session to play, from <see cref="SessionRecording.Load"/>.</param>
    /// <param name="options">Speed and start condition; <see langword="null"/> for recorded timing after every recorded stream has a subscriber.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <returns>The number of frames that reached at least one connection.</returns>
    /// <exception cref="RecordingFormatException">A recorded depth snapshot cannot be served (checked before anything is sent).</exception>
    /// <exception cref="InvalidOperationException">The server is not started, or a <see cref="MarketSimulator"/> or another replay is attached to it (one replay per server).</exception>
    /// <remarks>
    /// <para>
    /// The recording's symbols become known to the server. The first frame is sent once every stream of
    /// <see cref="ReplayOptions.WaitForStreams"/> has a subscriber (a stream nobody subscribes to holds the replay until
    /// <paramref name="cancellationToken"/> is cancelled). When the replay reaches a recorded depth snapshot it waits
    /// (up to <see cref="ReplayOptions.SnapshotWaitTimeout"/>) until the client has fetched that snapshot, so the frames
    /// recorded after it arrive after it, at any speed: an order book replayed this way ends where the recorded one did.
    /// </para>
    /// <para>
    /// Frames without a <c>stream</c> are skipped unless <see cref="ReplayOptions.SendFramesWithoutStream"/> is set. The
    /// recorded connection ids are not replayed: a recorded reconnect is not a disconnect here.
    /// </para>
    /// </remarks>
    public async Task<int> ReplayAsync(SessionRecording recording, ReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= new ReplayOptions();
        if (_app is null)
        {
            throw NotStarted();
        }

        var depth = new ReplayDepthSource(recording, _monitor.Notify);
        _streamNames.AddSymbols(recording.Symbols);
        if (Interlocked.CompareExchange(ref _depthSource, depth.Next, null) is not null)
        {
            throw new InvalidOperationException("A MarketSimulator or another replay already serves this server's depth snapshots.");
        }

        foreach (var stream in options.WaitForStreams ?? recording.Streams)
        {
            await WaitForSubscriptionAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var messages = recording.Messages;
        if (messages.Count == 0)
        {
            return 0;
        }

        var first = messages[0].ReceivedAt;
        var started = TimeProvider.GetTimestamp();
        var reached = new Dictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        foreach (var message in messages)
        {
            if (!double.IsPositiveInfinity(options.Speed))
            {
                var due = TimeSpan.FromTicks((long)((message.ReceivedAt - first).Ticks / options.Speed));
                var wait = due - TimeProvider.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, TimeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            if (message.Kind == RecordedMessageKind.DepthSnapshot)
            {
                var symbol = message.Symbol!;
                var count = reached[symbol] = reached.GetValueOrDefault(symbol) + 1;
                await WaitForSnapshotFetchAsync(depth, symbol, count, options.SnapshotWaitTimeout, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var reachedSomeone = message.Stream is { } name
                ? await PublishFrameAsync(name, message.Text, cancellationToken).ConfigureAwait(false)
                : options.SendFramesWithoutStream ? await PublishRawFrameAsync(message.Text, cancellationToken).ConfigureAwait(false) : 0;
            if (reachedSomeone > 0)
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Waits until the client fetched the <paramref name="count"/>-th snapshot of <paramref name="symbol"/>, or the timeout passed.</summary>
    private async Task WaitForSnapshotFetchAsync(ReplayDepthSource depth, string symbol, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await _monitor.WaitAsync(() => depth.ServedCount(symbol) >= count, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Why go on: a replaying client without an order book never fetches; its frames still come.
        }
    }
}
