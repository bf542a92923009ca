using System.Globalization;
using System.Text;

namespace Backpack.Soak;

/// <summary>The figures of one soak run, and every check that failed.</summary>
internal sealed record SoakReport
{
    public required SoakOptions Options { get; init; }

    /// <summary>Wall-clock time from the first step to the end of the checks.</summary>
    public TimeSpan Elapsed { get; init; }

    public long Steps { get; init; }

    /// <summary>Data frames the server wrote to the client (all streams, every connection).</summary>
    public long FramesWritten { get; init; }

    public IReadOnlyDictionary<SoakFault, int> Faults { get; init; } = new Dictionary<SoakFault, int>();

    /// <summary>Handshakes the server rejected (each <see cref="SoakFault.RejectedHandshakes"/> fault rejects one or two).</summary>
    public int HandshakesRejected { get; init; }

    public int ExpectedReconnects { get; init; }

    public int ReconnectingEvents { get; init; }

    public int ReconnectedEvents { get; init; }

    /// <summary>Connection attempts summed over every reconnect (more than one when handshakes were rejected).</summary>
    public int ReconnectAttempts { get; init; }

    public long ServerConnections { get; init; }

    public int ExpectedResyncs { get; init; }

    public int Resyncs { get; init; }

    /// <summary>The resyncs by the reason the book logged, e.g. "ConnectionLost 4, Gap 3, UpdatesDropped 1".</summary>
    public string ResyncReasons { get; init; } = string.Empty;

    /// <summary>The resyncs by reason and by what the run was healing then, e.g. "Gap during Drop 3, Gap during Gap 12".</summary>
    public string ResyncPhases { get; init; } = string.Empty;

    /// <summary>The private events lost in flight, by the fault that ended their connection.</summary>
    public string LostInFlightByFault { get; init; } = string.Empty;

    public bool BookMatched { get; init; }

    /// <summary>Where the account tracker ended different from the exchange's account, or "none".</summary>
    public string AccountDifference { get; init; } = string.Empty;

    /// <summary>How many times the account tracker reconciled over REST.</summary>
    public int AccountReconciliations { get; init; }

    /// <summary>The account tracker's published changes, by source and kind.</summary>
    public string AccountChanges { get; init; } = string.Empty;

    public long BookLastUpdateId { get; init; }

    public long TradesReceived { get; init; }

    public long TradesDropped { get; init; }

    public int TradeStalls { get; init; }

    public required DeliveryResult Delivery { get; init; }

    public IReadOnlyList<MemorySample> Memory { get; init; } = [];

    /// <summary>The managed heap's growth from the first sample after warm-up to the last.</summary>
    public long ManagedGrowthBytes { get; init; }

    public int UnobservedTaskExceptions { get; init; }

    public string FinalState { get; init; } = string.Empty;

    public long ParseFailures { get; init; }

    public IReadOnlyList<string> Failures { get; init; } = [];

    public bool Passed => Failures.Count == 0;

    /// <summary>The figures, one per line, for the console and the test output.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";

        Line($"Soak: seed {Options.Seed}, {Options.Symbol}, {Options.Duration.TotalSeconds:F0} s of market at {Options.StepInterval.TotalMilliseconds:F0} ms/step; {Elapsed.TotalSeconds:F1} s wall clock in all");
        Line($"  steps {Steps}, data frames written {FramesWritten}, parse failures {ParseFailures}");
        Line($"  faults: {string.Join(", ", Faults.Select(f => $"{f.Key} {f.Value}"))} (total {Faults.Values.Sum()}); handshakes rejected {HandshakesRejected}");
        Line($"  reconnects: expected {ExpectedReconnects}, Reconnecting {ReconnectingEvents}, Reconnected {ReconnectedEvents}, attempts {ReconnectAttempts}; server connections {ServerConnections}");
        Line($"  book: resyncs {Resyncs} (expected {ExpectedResyncs} from faults; by reason: {ResyncReasons}), equals server's top 50: {BookMatched} at update {BookLastUpdateId}");
        Line($"  resyncs by reason and phase: {ResyncPhases}");
        Line($"  account: reconciliations {AccountReconciliations}, differs from the exchange's: {AccountDifference}; changes: {AccountChanges}");
        Line($"  trades: received {TradesReceived}, dropped (DropOldest) {TradesDropped}, stalls {TradeStalls}");
        Line($"  private events: sent {Delivery.Sent}, received {Delivery.Received}, duplicates {Delivery.Duplicates}, unexpected {Delivery.Unexpected}, out of order {Delivery.OutOfOrder}, holes {Delivery.LostMidStream}, missing on live connection {Delivery.LostOnLiveConnection}, lost in flight at a fault {Delivery.LostInFlightAtFault} ({LostInFlightByFault})");
        if (Memory.Count > 0)
        {
            Line($"  managed heap: first {Mb(Memory[0].ManagedBytes)}, last {Mb(Memory[^1].ManagedBytes)}, max {Mb(Memory.Max(m => m.ManagedBytes))}, growth after warm-up {Mb(ManagedGrowthBytes)} ({Memory.Count} samples)");
            Line($"  working set: first {Mb(Memory[0].WorkingSetBytes)}, last {Mb(Memory[^1].WorkingSetBytes)}, max {Mb(Memory.Max(m => m.WorkingSetBytes))}");
        }

        Line($"  unobserved task exceptions {UnobservedTaskExceptions}; final client state {FinalState}");
        Line($"  result: {(Passed ? "PASSED" : "FAILED")}");
        foreach (var failure in Failures)
        {
            Line($"    - {failure}");
        }

        return text.ToString();
    }
}
