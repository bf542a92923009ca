using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

public sealed partial class BackpackOrderBook
{
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
        using var activity = _feed.StartResyncActivity(Symbol);
        try
        {
            for (var attempt = 1; IsCurrent(generation); attempt++)
            {
                TimeSpan? retryAfter = null;
                try
                {
                    var snapshot = await _feed.GetSnapshotAsync(Symbol, _options.SnapshotLimit, _options.SnapshotTimeout, token).ConfigureAwait(false);
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

}
