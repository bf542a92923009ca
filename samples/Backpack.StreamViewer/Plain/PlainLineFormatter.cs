using System.Globalization;
using System.Text;
using Backpack.WebSockets;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>
/// The one summary line per market and refresh printed when the output is not a terminal, so logs and pipes get
/// something greppable. The format is the viewer's from before the dashboard, unchanged:
/// <c>book SOL_USDC update=12 bid=149.9x3 ask=150.1x2 spread=0.2 book=Synced resyncs=0 trades=5 state=Connected</c>.
/// </summary>
internal static class PlainLineFormatter
{
    /// <param name="symbol">The market.</param>
    /// <param name="book">Its book.</param>
    /// <param name="trades">How many trades were seen.</param>
    /// <param name="state">The connection's state.</param>
    /// <param name="orders">How many order updates were seen, with credentials; <see langword="null"/> without.</param>
    public static string Format(string symbol, BookView book, long trades, BackpackConnectionState state, long? orders)
    {
        var line = new StringBuilder($"book {symbol} ");
        if (book is { State: OrderBookState.Synced, BestBid: { } bid, BestAsk: { } ask })
        {
            line.Append(CultureInfo.InvariantCulture, $"update={book.LastUpdateId} bid={bid.Price}x{bid.Quantity} ask={ask.Price}x{ask.Quantity} spread={ask.Price - bid.Price}");
        }
        else
        {
            line.Append(book.State == OrderBookState.Synced ? "update=" + book.LastUpdateId.ToString(CultureInfo.InvariantCulture) : "update=-").Append(" bid=- ask=- spread=-");
        }

        line.Append(CultureInfo.InvariantCulture, $" book={book.State} resyncs={book.Resyncs} trades={trades} state={state}");
        if (orders is { } count)
        {
            line.Append(CultureInfo.InvariantCulture, $" orders={count}");
        }

        return line.ToString();
    }
}
