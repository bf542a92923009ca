using System.Diagnostics.Metrics;

namespace Backpack.WebSockets.Diagnostics;

/// <summary>
/// The instruments of one client, on a <see cref="Meter"/> named <see cref="BackpackStreamDiagnostics.MeterName"/>.
/// Every instrument is documented (name, unit, tags) in the README's Metrics section; keep the two in step.
/// </summary>
/// <remarks>
/// With an <see cref="IMeterFactory"/> (from dependency injection) the meter belongs to the factory; without one the
/// client owns its meter and disposes it with this object, so a disposed client stops reporting.
/// </remarks>
internal sealed class BackpackStreamMetrics : IDisposable
{
    public const string MessagesReceivedName = "backpack.websockets.messages.received";
    public const string BytesReceivedName = "backpack.websockets.bytes.received";
    public const string ItemsDroppedName = "backpack.websockets.items.dropped";
    public const string ParseFailuresName = "backpack.websockets.parse_failures";
    public const string ActiveSubscriptionsName = "backpack.websockets.subscriptions.active";
    public const string QueueDepthName = "backpack.websockets.queue.depth";
    public const string ReconnectsName = "backpack.websockets.reconnects";
    public const string ResubscribesName = "backpack.websockets.resubscribes";
    public const string ResyncsName = "backpack.websockets.orderbook.resyncs";

    /// <summary>The name of the counter of account reconciliations (REST snapshots merged after a loss or on schedule).</summary>
    public const string ReconciliationsName = "backpack.websockets.account.reconciliations";

    /// <summary>The name of the counter of account changes that only a reconciliation found.</summary>
    public const string ReconciliationChangesName = "backpack.websockets.account.reconciliation_changes";

    /// <summary>The name of the counter of frames that arrived for a stream with no subscription on their connection.</summary>
    public const string UnroutedFramesName = "backpack.websockets.frames.unrouted";

    /// <summary>The name of the counter of streams that delivered nothing within the silent-stream timeout.</summary>
    public const string SilentStreamsName = "backpack.websockets.streams.silent";

    /// <summary>The name of the gauge of open connections.</summary>
    public const string ConnectionsName = "backpack.websockets.connections";

    /// <summary>The stream type of a frame that could not even be read far enough to know its stream.</summary>
    public const string UnknownStreamType = "unknown";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _itemsDropped;
    private readonly Counter<long> _parseFailures;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _resubscribes;
    private readonly Counter<long> _resyncs;
    private readonly Counter<long> _unroutedFrames;
    private readonly Counter<long> _silentStreams;
    private readonly Counter<long> _reconciliations;
    private readonly Counter<long> _reconciliationChanges;

    /// <param name="meterFactory">Creates the meter; when <see langword="null"/>, this object creates and owns one.</param>
    /// <param name="activeSubscriptions">Reads the number of live server subscriptions.</param>
    /// <param name="queueDepth">Reads the number of items buffered across every consumer.</param>
    /// <param name="connections">Reads the number of open connections; none when null.</param>
    public BackpackStreamMetrics(IMeterFactory? meterFactory, Func<int> activeSubscriptions, Func<long> queueDepth, Func<int>? connections = null)
    {
        ArgumentNullException.ThrowIfNull(activeSubscriptions);
        ArgumentNullException.ThrowIfNull(queueDepth);
        var version = typeof(BackpackStreamMetrics).Assembly.GetName().Version?.ToString();
        if (meterFactory is null)
        {
            Meter = new Meter(BackpackStreamDiagnostics.MeterName, version);
            _ownsMeter = true;
        }
        else
        {
            Meter = meterFactory.Create(new MeterOptions(BackpackStreamDiagnostics.MeterName) { Version = version });
        }

        _messagesReceived = Meter.CreateCounter<long>(MessagesReceivedName, "{message}", "Data frames routed to a subscription.");
        _bytesReceived = Meter.CreateCounter<long>(BytesReceivedName, "By", "Size of the data frames routed to a subscription.");
        _itemsDropped = Meter.CreateCounter<long>(ItemsDroppedName, "{item}", "Market-data items dropped because a consumer fell behind.");
        _parseFailures = Meter.CreateCounter<long>(ParseFailuresName, "{frame}", "Frames skipped because the envelope or the payload could not be read.");
        _reconnects = Meter.CreateCounter<long>(ReconnectsName, "{reconnect}", "Connections re-established after a loss.");
        _resubscribes = Meter.CreateCounter<long>(ResubscribesName, "{subscription}", "Subscriptions sent again on a new connection.");
        _resyncs = Meter.CreateCounter<long>(ResyncsName, "{resync}", "Order books rebuilt from a new snapshot after a gap.");
        _silentStreams = Meter.CreateCounter<long>(SilentStreamsName, "{stream}", "Accepted streams that delivered nothing within the silent-stream timeout.");
        _unroutedFrames = Meter.CreateCounter<long>(UnroutedFramesName, "{frame}", "Frames for a stream with no subscription on their connection, dropped.");
        _reconciliations = Meter.CreateCounter<long>(ReconciliationsName, "{reconciliation}", "Account snapshots read over REST and merged after a loss or on schedule.");
        _reconciliationChanges = Meter.CreateCounter<long>(ReconciliationChangesName, "{change}", "Account changes (orders, fills, balances, positions) found only by a reconciliation.");
        Meter.CreateObservableUpDownCounter(ConnectionsName, connections ?? (static () => 0), "{connection}", "Open connections (sockets, or slots reconnecting).");
        Meter.CreateObservableUpDownCounter(ActiveSubscriptionsName, activeSubscriptions, "{subscription}", "Live server subscriptions (shared by their consumers).");
        Meter.CreateObservableUpDownCounter(QueueDepthName, queueDepth, "{item}", "Items received and not yet read, across every consumer.");
    }

    /// <summary>The meter every instrument lives on.</summary>
    public Meter Meter { get; }

    public void RecordMessage(string streamType, int bytes)
    {
        var tag = StreamTypeTag(streamType);
        _messagesReceived.Add(1, tag);
        _bytesReceived.Add(bytes, tag);
    }

    public void RecordDropped(string streamType) => _itemsDropped.Add(1, StreamTypeTag(streamType));

    public void RecordParseFailure(string streamType) => _parseFailures.Add(1, StreamTypeTag(streamType));

    /// <summary>Counts a connection re-established after a loss. To be called by the reconnect logic.</summary>
    public void RecordReconnect() => _reconnects.Add(1);

    /// <summary>Counts a stream that stayed silent past the timeout.</summary>
    public void RecordSilentStream(string streamType) => _silentStreams.Add(1, StreamTypeTag(streamType));

    /// <summary>Counts a frame for a stream with no subscription on its connection.</summary>
    public void RecordUnroutedFrame() => _unroutedFrames.Add(1);

    /// <summary>Counts one subscription sent again after a reconnect. To be called by the reconnect logic.</summary>
    public void RecordResubscribe(string streamType) => _resubscribes.Add(1, StreamTypeTag(streamType));

    /// <summary>Counts one order-book resync. To be called by the order book.</summary>
    public void RecordResync(string symbol) => _resyncs.Add(1, new KeyValuePair<string, object?>(BackpackStreamDiagnostics.SymbolTag, symbol));

    /// <summary>Counts one account reconciliation and the changes it found. To be called by the account tracker.</summary>
    public void RecordReconciliation(int changesFound)
    {
        _reconciliations.Add(1);
        if (changesFound > 0)
        {
            _reconciliationChanges.Add(changesFound);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?> StreamTypeTag(string streamType) =>
        new(BackpackStreamDiagnostics.StreamTypeTag, streamType);
}
