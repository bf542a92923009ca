using System.Globalization;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.OrderBook;

public sealed partial class BackpackOrderBook
{
    private readonly Uri _snapshotUri;

    /// <summary>The HTTP client the book created because the stream client had none; disposed with the book.</summary>
    private HttpClient? _ownedHttpClient;

    private static Uri BuildSnapshotUri(Uri restEndpoint, string symbol, int limit) =>
        new($"{restEndpoint.AbsoluteUri.TrimEnd('/')}/api/v1/depth?symbol={Uri.EscapeDataString(symbol)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Only client errors other than 408 and 429 repeat on retry (a bad symbol, say); the rest may pass.</summary>
    private static bool IsRetryable(BackpackStreamException error) =>
        error.ErrorCode == BackpackStreamErrorCode.SnapshotFailed
        && error.HttpStatusCode is null or 408 or 429 or >= 500;

    /// <summary>Starts fetching a snapshot for the current generation, unless one is already under way.</summary>
    private void StartFetchLocked()
    {
        if (_fetching || _fault is not null || _isDisposed)
        {
            return;
        }

        _fetching = true;
        var generation = _generation;
        _fetches.RemoveAll(static task => task.IsCompleted);
        _fetches.Add(Task.Run(() => FetchLoopAsync(generation, _disposeCts.Token)));
    }

    /// <summary>Whether <paramref name="generation"/> is still the current one.</summary>
    private bool IsCurrent(long generation)
    {
        lock (_writeLock)
        {
            return generation == _generation && _fault is null && !_isDisposed;
        }
    }

    /// <summary>
    /// Fetches snapshots for one generation until one syncs the book, a resync starts a new generation, or the attempts run
    /// out; waits with backoff between attempts.
    /// </summary>
    private async Task FetchLoopAsync(long generation, CancellationToken token)
    {
        // One activity per sync attempt; the snapshot's HTTP request nests under it.
        using var activity = BackpackStreamActivities.StartResync(Symbol);
        try
        {
            for (var attempt = 1; IsCurrent(generation); attempt++)
            {
                TimeSpan? retryAfter = null;
                try
                {
                    var snapshot = await SnapshotSource(token).ConfigureAwait(false);
                    if (OnSnapshotFetched(generation, snapshot) != SnapshotOutcome.TooOld)
                    {
                        return;
                    }

                    Log.SnapshotTooOld(_logger, Symbol, snapshot.LastUpdateId, attempt);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (BackpackStreamException ex) when (IsRetryable(ex))
                {
                    Log.SnapshotFailed(_logger, Symbol, attempt, _options.MaxSnapshotAttempts, ex);
                    retryAfter = ex.RetryAfter;
                }
                catch (Exception ex)
                {
                    if (IsCurrent(generation))
                    {
                        Fault(ex);
                    }

                    return;
                }

                if (attempt >= _options.MaxSnapshotAttempts)
                {
                    OnSnapshotAttemptsExhausted(generation);
                    return;
                }

                var delay = _options.GetRetryDelay(attempt);
                await Task.Delay(retryAfter > delay ? retryAfter.Value : delay, _timeProvider, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            lock (_writeLock)
            {
                if (generation == _generation)
                {
                    _fetching = false;
                }
            }
        }
    }

    private void OnSnapshotAttemptsExhausted(long generation)
    {
        bool everSynced;
        lock (_writeLock)
        {
            if (generation != _generation)
            {
                return;
            }

            everSynced = _everSynced;
        }

        if (!everSynced)
        {
            Fault(new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed,
                $"No usable depth snapshot for '{Symbol}' after {_options.MaxSnapshotAttempts} attempts.",
                _stream.Name));
            return;
        }

        // The stream is alive: the next buffered update starts another round, paced by the same backoff.
        Log.SnapshotAttemptsExhausted(_logger, Symbol, _options.MaxSnapshotAttempts);
    }

    /// <summary><c>GET {RestEndpoint}/api/v1/depth?symbol=...&amp;limit=...</c>, bounded by <see cref="BackpackOrderBookOptions.SnapshotTimeout"/>.</summary>
    /// <exception cref="BackpackStreamException"><see cref="BackpackStreamErrorCode.SnapshotFailed"/> for every failure but the caller's cancellation.</exception>
    private async Task<DepthSnapshot> FetchSnapshotAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.SnapshotTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await GetHttpClient().GetAsync(_snapshotUri, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.SnapshotFailed,
                    $"The depth snapshot request for '{Symbol}' failed with HTTP {status} ({response.ReasonPhrase}).",
                    _stream.Name)
                {
                    HttpStatusCode = status,
                    RetryAfter = GetRetryAfter(response),
                };
            }

            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return DepthSnapshotParser.Parse(body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed,
                $"The depth snapshot request for '{Symbol}' timed out after {_options.SnapshotTimeout}.",
                _stream.Name,
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot request for '{Symbol}' failed: {ex.Message}", _stream.Name, innerException: ex);
        }
        catch (PayloadFormatException ex)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot for '{Symbol}' could not be read: {ex.Message}", _stream.Name, innerException: ex);
        }
    }

    private TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _timeProvider.GetUtcNow() : null;
    }

    /// <summary>The stream client's HTTP client when it has one, else one the book creates once and owns.</summary>
    private HttpClient GetHttpClient()
    {
        if (_client.HttpClient is { } shared)
        {
            return shared;
        }

        var owned = Volatile.Read(ref _ownedHttpClient);
        if (owned is not null)
        {
            return owned;
        }

        var created = new HttpClient();
        owned = Interlocked.CompareExchange(ref _ownedHttpClient, created, null);
        if (owned is not null)
        {
            created.Dispose();
            return owned;
        }

        return created;
    }

    private void DisposeHttpClient() => Interlocked.Exchange(ref _ownedHttpClient, null)?.Dispose();
}
