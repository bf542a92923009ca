using Backpack.WebSockets;

namespace Backpack.StreamViewer;

/// <summary>Prints <see cref="PlainLineFormatter"/> lines for every market twice a second until cancelled.</summary>
internal sealed class PlainOutput(ViewerState state, Func<BackpackConnectionState> connectionState, TextWriter output)
{
    // Why slower than the dashboard: one summary line per market and refresh is plenty for a log.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            WriteLines();
        }
    }

    public void WriteLines()
    {
        foreach (var symbol in state.Symbols)
        {
            var book = BookView.From(symbol.Book.GetSnapshot(1), symbol.Book.ResyncCount);
            output.WriteLine(PlainLineFormatter.Format(symbol.Symbol, book, symbol.TradeCount, connectionState(), state.ShowsOrders ? state.OrderCount : null));
        }

        output.Flush();
    }
}
