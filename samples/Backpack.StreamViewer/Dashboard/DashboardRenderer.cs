using System.Globalization;
using Backpack.WebSockets.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backpack.StreamViewer;

/// <summary>
/// Draws a <see cref="DashboardState"/> as Spectre.Console renderables: a pure function of the state, so a frame can be
/// rendered to a <c>TestConsole</c> and checked line by line.
/// </summary>
internal static class DashboardRenderer
{
    /// <summary>Book levels shown on each side.</summary>
    public const int Depth = 10;

    /// <summary>Trades shown on the tape.</summary>
    public const int TapeLength = 12;

    /// <summary>The rows of the price chart.</summary>
    public const int ChartHeight = 6;

    /// <summary>The widest depth bar, in characters.</summary>
    public const int BarWidth = 24;

    private const string BidColor = "green";
    private const string AskColor = "red";
    private const string PartialBlocks = " ▏▎▍▌▋▊▉";

    public static IRenderable Render(DashboardState state)
    {
        var view = state.Selected;
        var market = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn());
        market.AddRow(BookPanel(view), new Rows(TapePanel(view), ChartPanel(view)));
        var parts = new List<IRenderable> { Header(state), market, StatusPanel(state.Status, view) };
        if (state.Orders is { } orders)
        {
            parts.Add(OrdersPanel(orders, state.OrderCount));
        }

        return new Rows(parts);
    }

    private static Markup Header(DashboardState state)
    {
        var symbols = string.Join(" ", state.Symbols.Select(symbol => symbol == state.Selected.Symbol
            ? $"[black on white] {Markup.Escape(symbol)} [/]"
            : $" {Markup.Escape(symbol)} "));
        var keys = state.Symbols.Count > 1 ? "Tab/←/→ switch market · q quit" : "q quit";
        return new Markup($"[bold]Backpack stream viewer[/]  [grey]{Markup.Escape(state.Source)}[/]   {symbols}   [grey]{keys}[/]");
    }

    private static Panel BookPanel(SymbolView view)
    {
        var book = view.Book;
        var table = new Table().Border(TableBorder.None).HideHeaders()
            .AddColumn(new TableColumn("side"))
            .AddColumn(new TableColumn("price").RightAligned())
            .AddColumn(new TableColumn("quantity").RightAligned())
            .AddColumn(new TableColumn("depth").NoWrap());
        table.AddRow(new Markup("[grey]side[/]"), new Markup("[grey]price[/]"), new Markup("[grey]quantity[/]"), new Markup("[grey]depth[/]"));
        var largest = book.Bids.Take(Depth).Concat(book.Asks.Take(Depth)).Select(level => level.Quantity).DefaultIfEmpty(0).Max();

        // Why reversed: the best ask goes at the bottom of the asks, right above the spread and the best bid.
        for (var i = Depth - 1; i >= 0; i--)
        {
            AddLevel(table, "ask", AskColor, i < book.Asks.Count ? book.Asks[i] : null, largest);
        }

        table.AddRow(new Markup(""), new Markup(SpreadText(book)), new Markup(""), new Markup(""));
        for (var i = 0; i < Depth; i++)
        {
            AddLevel(table, "bid", BidColor, i < book.Bids.Count ? book.Bids[i] : null, largest);
        }

        var title = $"{Markup.Escape(view.Symbol)} book · {book.State} · update {book.LastUpdateId.ToString(CultureInfo.InvariantCulture)} · {book.Resyncs} resyncs";
        return new Panel(table).Header(title).Border(BoxBorder.Rounded);
    }

    private static string SpreadText(BookView book)
    {
        if (book.Spread is not { } spread || book.BestBid is not { } bid)
        {
            return "[grey](no book yet)[/]";
        }

        var bps = bid.Price > 0 ? spread / bid.Price * 10_000m : 0m;
        return $"[yellow]spread {Format(spread)}[/] [grey]({bps.ToString("0.0", CultureInfo.InvariantCulture)} bps)[/]";
    }

    private static void AddLevel(Table table, string side, string color, PriceLevel? level, decimal largest)
    {
        if (level is not { } value)
        {
            table.AddRow("", "", "", "");
            return;
        }

        table.AddRow(
            new Markup($"[{color}]{side}[/]"),
            new Markup($"[{color}]{Format(value.Price)}[/]"),
            new Markup(Format(value.Quantity)),
            new Markup($"[{color}]{Bar(value.Quantity, largest)}[/]"));
    }

    /// <summary>A bar as long as <paramref name="quantity"/> is against <paramref name="largest"/>, in eighths of a character.</summary>
    internal static string Bar(decimal quantity, decimal largest)
    {
        if (largest <= 0 || quantity <= 0)
        {
            return "";
        }

        var eighths = Math.Max(1, (int)Math.Round(quantity / largest * BarWidth * 8));
        return new string('█', eighths / 8) + (eighths % 8 == 0 ? "" : PartialBlocks[eighths % 8].ToString());
    }

    private static Panel TapePanel(SymbolView view)
    {
        var table = new Table().Border(TableBorder.None).HideHeaders()
            .AddColumn(new TableColumn("time"))
            .AddColumn(new TableColumn("side"))
            .AddColumn(new TableColumn("price").RightAligned())
            .AddColumn(new TableColumn("quantity").RightAligned());
        for (var i = 0; i < TapeLength; i++)
        {
            if (i < view.Trades.Count)
            {
                var trade = view.Trades[i];
                var (color, side) = trade.IsBuy ? (BidColor, "buy") : (AskColor, "sell");
                table.AddRow(
                    new Markup($"[grey]{trade.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}[/]"),
                    new Markup($"[{color}]{side}[/]"),
                    new Markup($"[{color}]{Format(trade.Price)}[/]"),
                    new Markup(Format(trade.Quantity)));
            }
            else
            {
                table.AddRow("", "", "", "");
            }
        }

        return new Panel(table).Header($"Trades ({view.TradeCount.ToString("N0", CultureInfo.InvariantCulture)} seen)").Border(BoxBorder.Rounded).Expand();
    }

    private static Panel ChartPanel(SymbolView view)
    {
        var prices = view.Chart.OfType<decimal>().ToList();
        var lines = PriceChart.Draw(view.Chart, ChartHeight);
        var color = prices.Count >= 2 && prices[^1] < prices[0] ? AskColor : BidColor;
        var high = prices.Count > 0 ? Format(prices.Max()) : "";
        var low = prices.Count > 0 ? Format(prices.Min()) : "";
        var width = Math.Max(high.Length, low.Length);
        var rows = lines.Select((line, i) =>
        {
            var label = i == 0 ? high : i == lines.Count - 1 ? low : "";
            return $"[grey]{label.PadLeft(width)}[/] [{color}]{Markup.Escape(line)}[/]";
        });
        var minutes = view.ChartWindow.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
        var title = prices.Count == 0 ? $"Price, last {minutes} min (no trades yet)" : $"Price, last {minutes} min";
        return new Panel(new Markup(string.Join('\n', rows))).Header(title).Border(BoxBorder.Rounded).Expand();
    }

    private static Panel StatusPanel(StatusView status, SymbolView view)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn());
        foreach (var connection in status.Connections)
        {
            grid.AddRow(new Markup($"[grey]connection {connection.Id.ToString(CultureInfo.InvariantCulture)}[/]"), new Markup(ConnectionText(connection)));
        }

        if (status.Connections.Count == 0)
        {
            grid.AddRow(new Markup("[grey]connection[/]"), new Markup("[grey]none yet[/]"));
        }

        var rate = status.MessagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture);
        grid.AddRow(new Markup("[grey]messages[/]"), new Markup($"{rate}/s ({status.MessagesTotal.ToString("N0", CultureInfo.InvariantCulture)} total)"));
        grid.AddRow(new Markup("[grey]items dropped[/]"), new Markup(status.ItemsDropped == 0 ? "0" : $"[red]{status.ItemsDropped.ToString("N0", CultureInfo.InvariantCulture)}[/]"));
        var bookColor = view.Book.State == Backpack.WebSockets.OrderBook.OrderBookState.Synced ? BidColor : "yellow";
        grid.AddRow(new Markup("[grey]book[/]"), new Markup($"[{bookColor}]{view.Book.State}[/] at update {view.Book.LastUpdateId.ToString(CultureInfo.InvariantCulture)} · {view.Book.Resyncs} resyncs"));
        grid.AddRow(new Markup("[grey]reconnects[/]"), new Markup(status.Reconnects.ToString(CultureInfo.InvariantCulture)));
        grid.AddRow(new Markup("[grey]latency[/]"), new Markup(status.Latency is { } latency
            ? $"event → screen: last {Millis(latency.Last)} · median {Millis(latency.Median)} · max {Millis(latency.Max)}"
            : "[grey]n/a[/]"));
        if (status.Recording is { } recording)
        {
            grid.AddRow(new Markup("[grey]recording[/]"), new Markup(Markup.Escape(recording)));
        }

        grid.AddRow(new Markup("[grey]last event[/]"), new Markup(status.Message is { } message ? Markup.Escape(message) : "[grey]-[/]"));
        return new Panel(grid).Header("Status").Border(BoxBorder.Rounded).Expand();
    }

    private static string ConnectionText(ConnectionView connection)
    {
        var color = connection.State switch
        {
            Backpack.WebSockets.BackpackConnectionState.Connected => BidColor,
            Backpack.WebSockets.BackpackConnectionState.Closed or Backpack.WebSockets.BackpackConnectionState.Disconnected => AskColor,
            _ => "yellow",
        };
        var text = $"[{color}]{connection.State}[/] since {connection.StateChangedAt.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}"
            + $" · {connection.Streams.ToString(CultureInfo.InvariantCulture)} streams · {(connection.IsPrivate ? "private" : "public")}"
            + $" · {(connection.IsCompressed ? "compressed" : "uncompressed")} · {connection.ReconnectCount.ToString(CultureInfo.InvariantCulture)} reconnects";
        return connection.DisconnectError is { } error ? $"{text} · [red]{Markup.Escape(error)}[/]" : text;
    }

    private static Panel OrdersPanel(IReadOnlyList<OrderUpdate> orders, long count)
    {
        var lines = orders.Select(order => Markup.Escape(
            $"{order.EventTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}  {order.EventType,-16} {order.Symbol} {order.Side} {order.OrderType} "
            + $"qty={Format(order.Quantity)} price={Format(order.Price)} filled={Format(order.ExecutedQuantity)} status={order.Status}"));
        var body = orders.Count == 0 ? "[grey]none yet[/]" : string.Join('\n', lines);
        return new Panel(new Markup(body)).Header($"Order updates ({count.ToString("N0", CultureInfo.InvariantCulture)} seen)").Border(BoxBorder.Rounded).Expand();
    }

    private static string Millis(TimeSpan value) => $"{Math.Max(0, value.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture)} ms";

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
