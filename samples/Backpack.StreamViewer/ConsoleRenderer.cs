using System.Globalization;
using System.Text;
using Backpack.WebSockets;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.OrderBook;

namespace Backpack.StreamViewer;

/// <summary>
/// Draws <see cref="ViewerState"/>: a screen redrawn in place with ANSI escapes on a terminal, or one summary line per
/// refresh when stdout is redirected (so logs and pipes get something greppable).
/// </summary>
internal sealed class ConsoleRenderer(ViewerState state, Func<BackpackConnectionState> connectionState, TextWriter output, bool inPlace)
{
    private const int Depth = 10;
    private const string ClearToEndOfLine = "\u001b[K";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    public bool InPlace { get; } = inPlace;

    public void Begin()
    {
        if (InPlace)
        {
            output.Write("\u001b[?25l\u001b[2J"); // Why: hide the cursor and clear once, then only overwrite.
        }
    }

    public void End()
    {
        if (InPlace)
        {
            output.Write("\u001b[?25h"); // Why: give the terminal its cursor back, whatever ended the run.
            output.WriteLine();
        }

        output.Flush();
    }

    public void Render()
    {
        // One immutable snapshot per frame: the levels, the state and the update id always belong together.
        var book = state.Book.GetSnapshot(Depth);
        if (InPlace)
        {
            output.Write(Screen(book));
        }
        else
        {
            output.WriteLine(SummaryLine(book));
        }

        output.Flush();
    }

    private string SummaryLine(OrderBookSnapshot book)
    {
        var line = new StringBuilder($"book {state.Symbol} ");
        if (book is { State: OrderBookState.Synced, BestBid: { } bid, BestAsk: { } ask })
        {
            line.Append(CultureInfo.InvariantCulture, $"update={book.LastUpdateId} bid={bid.Price}x{bid.Quantity} ask={ask.Price}x{ask.Quantity} spread={ask.Price - bid.Price}");
        }
        else
        {
            line.Append(book.State == OrderBookState.Synced ? "update=" + book.LastUpdateId.ToString(CultureInfo.InvariantCulture) : "update=-").Append(" bid=- ask=- spread=-");
        }

        line.Append(CultureInfo.InvariantCulture, $" book={book.State} resyncs={state.Book.ResyncCount} trades={state.TradeCount} state={connectionState()}");
        if (state.ShowsOrders)
        {
            line.Append(CultureInfo.InvariantCulture, $" orders={state.OrderCount}");
        }

        return line.ToString();
    }

    private string Screen(OrderBookSnapshot book)
    {
        var screen = new StringBuilder("\u001b[H");
        void Line(string text = "") => screen.Append(text).Append(ClearToEndOfLine).Append('\n');

        Line($"Backpack stream viewer  {state.Symbol}  state={connectionState()}  book={book.State}  update={book.LastUpdateId.ToString(CultureInfo.InvariantCulture)}  resyncs={state.Book.ResyncCount}   {Dim}Ctrl+C to quit{Reset}");
        Line();
        Line($"{"",5}{"Price",16}{"Quantity",16}");

        // Why reversed: the best ask goes at the bottom of the asks, right above the best bid.
        for (var i = Depth - 1; i >= 0; i--)
        {
            Line(i < book.Asks.Count ? $"{Red}{"ask",5}{Fmt(book.Asks[i].Price),16}{Fmt(book.Asks[i].Quantity),16}{Reset}" : "");
        }

        Line(book.Bids.Count > 0 && book.Asks.Count > 0 ? $"{Dim}{"",5}{"spread " + Fmt(book.Asks[0].Price - book.Bids[0].Price),32}{Reset}" : $"{Dim}{"",5}{"(no book yet)",32}{Reset}");
        for (var i = 0; i < Depth; i++)
        {
            Line(i < book.Bids.Count ? $"{Green}{"bid",5}{Fmt(book.Bids[i].Price),16}{Fmt(book.Bids[i].Quantity),16}{Reset}" : "");
        }

        Line();
        Line($"Last trades ({state.TradeCount} seen)");
        var trades = state.RecentTrades();
        for (var i = 0; i < 10; i++)
        {
            Line(i < trades.Count ? FormatTrade(trades[i]) : "");
        }

        if (state.ShowsOrders)
        {
            Line();
            Line($"Order updates ({state.OrderCount} seen)");
            var orders = state.RecentOrders();
            for (var i = 0; i < 5; i++)
            {
                Line(i < orders.Count ? FormatOrder(orders[i]) : "");
            }
        }

        Line();
        Line(state.Status is { } status ? $"{Dim}{status}{Reset}" : "");
        screen.Append("\u001b[J"); // Why: erase anything left below from a taller previous frame.
        return screen.ToString();
    }

    private static string FormatTrade(Trade trade)
    {
        // Why: a buyer-maker trade means the taker sold.
        var (color, side) = trade.IsBuyerMaker ? (Red, "sell") : (Green, "buy");
        return $"  {trade.EngineTime:HH:mm:ss.fff}  {color}{side,-4}{Reset} {Fmt(trade.Price),14} x {Fmt(trade.Quantity)}";
    }

    private static string FormatOrder(OrderUpdate order) =>
        $"  {order.EventTime:HH:mm:ss.fff}  {order.EventType,-16} {order.Symbol} {order.Side} {order.OrderType} " +
        $"qty={Fmt(order.Quantity)} price={Fmt(order.Price)} filled={Fmt(order.ExecutedQuantity)} status={order.Status}";

    private static string Fmt(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
