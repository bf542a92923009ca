using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>Guards <see cref="_overflow"/> and the placement of new streams.</summary>
    private readonly Lock _placementGate = new();

    /// <summary>
    /// Further connections, each a client of its own (own receive loop, request pump and reconnects), opened when this
    /// client's connection carries <see cref="BackpackStreamClientOptions.MaxStreamsPerConnection"/> streams.
    /// </summary>
    private readonly List<BackpackStreamClient> _overflow = [];

    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>True for a client created as another client's overflow connection: it never opens overflow connections itself.</summary>
    private bool _isOverflow;

    /// <summary>Subscribes placed on this client and not finished yet; counted against its stream limit.</summary>
    private int _pendingPlacements;

    /// <summary>
    /// Chooses the client (this one or an overflow connection) that carries <paramref name="streamName"/>: the one that
    /// already does, else the first with room, else a new overflow connection. Reserves a place the caller releases.
    /// </summary>
    private BackpackStreamClient PlaceStream(string streamName)
    {
        if (_isOverflow)
        {
            Interlocked.Increment(ref _pendingPlacements);
            return this;
        }

        lock (_placementGate)
        {
            ObjectDisposedException.ThrowIf(_disposeCts.IsCancellationRequested, this);
            BackpackStreamClient[] candidates = [this, .. _overflow];
            var target = candidates.FirstOrDefault(c => c._registry.ContainsKey(streamName))
                ?? candidates.FirstOrDefault(c => c._registry.Count + Volatile.Read(ref c._pendingPlacements) < _options.MaxStreamsPerConnection);
            if (target is null)
            {
                target = CreateOverflowClient();
                _overflow.Add(target);
                Log.OverflowConnection(_logger, _overflow.Count + 1, _options.MaxStreamsPerConnection);
            }

            Interlocked.Increment(ref target._pendingPlacements);
            return target;
        }
    }

    private BackpackStreamClient CreateOverflowClient()
    {
        var overflow = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(_options), _connector, _timeProvider, _loggerFactory, HttpClient)
        {
            _isOverflow = true,
        };

        // Consumers of streams on the overflow connection learn about its reconnects through this client's events.
        overflow.Reconnecting += ex => InvokeHandlersAsync(Reconnecting, ex, nameof(Reconnecting));
        overflow.Reconnected += args => InvokeHandlersAsync(Reconnected, args, nameof(Reconnected));
        return overflow;
    }

    private BackpackStreamClient[] SnapshotOverflow()
    {
        lock (_placementGate)
        {
            return [.. _overflow];
        }
    }

    /// <summary>Disposes the overflow connections; called by <see cref="DisposeAsync"/> after the dispose token was cancelled, so none can be added.</summary>
    private Task DisposeOverflowAsync() => Task.WhenAll(SnapshotOverflow().Select(c => c.DisposeAsync().AsTask()));
}
