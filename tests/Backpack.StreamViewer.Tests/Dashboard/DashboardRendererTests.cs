using Backpack.WebSockets.OrderBook;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Backpack.StreamViewer.Tests.Dashboard;

public sealed class DashboardRendererTests
{
    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[91m"; // Spectre's "red" is the bright one.

    [Fact]
    public void Render_KnownBookAndTape_ShowsTheLevelsAskAboveBidWithTheSpreadBetween()
    {
        var lines = Render(Frames.State());

        var bestAsk = Line(lines, "150.02", "ask");
        var spread = Line(lines, "spread 0.04");
        var bestBid = Line(lines, "149.98", "bid");
        var worstAsk = Line(lines, "150.05", "ask");
        var worstBid = Line(lines, "149.90", "bid");
        Assert.True(worstAsk < bestAsk && bestAsk < spread && spread < bestBid && bestBid < worstBid, $"rows out of order: {worstAsk} {bestAsk} {spread} {bestBid} {worstBid}");
        Assert.Contains("(2.7 bps)", lines[spread], StringComparison.Ordinal);
        Assert.Contains("update 4242", lines[Line(lines, "SOL_USDC book ·")], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DepthBars_AreAsLongAsTheQuantityAgainstTheLargestLevel()
    {
        var lines = Render(Frames.State());

        // The largest level (20 at 150.05) has the full bar; 10 at 149.98 has half of it.
        Assert.Contains(new string('█', DashboardRenderer.BarWidth), lines[Line(lines, "150.05", "ask")], StringComparison.Ordinal);
        var half = lines[Line(lines, "149.98", "bid")];
        Assert.Contains(new string('█', DashboardRenderer.BarWidth / 2), half, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('█', (DashboardRenderer.BarWidth / 2) + 1), half, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithColours_BidsAreGreenAndAsksRed()
    {
        var console = new TestConsole().Width(160).Colors(ColorSystem.Standard).EmitAnsiSequences();

        console.Write(DashboardRenderer.Render(Frames.State()));

        var lines = console.Output.Split('\n');
        var bid = lines.Single(line => line.Contains("149.98", StringComparison.Ordinal) && line.Contains("bid", StringComparison.Ordinal));
        var ask = lines.Single(line => line.Contains("150.05", StringComparison.Ordinal) && line.Contains("ask", StringComparison.Ordinal));
        Assert.Contains(Green + "bid", bid, StringComparison.Ordinal);
        Assert.Contains(Green + "█", bid, StringComparison.Ordinal);
        Assert.Contains(Red + "ask", ask, StringComparison.Ordinal);
        Assert.Contains(Red + "█", ask, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Tape_ShowsEachTradeWithItsSideNewestFirst()
    {
        var console = new TestConsole().Width(160).Colors(ColorSystem.Standard).EmitAnsiSequences();
        console.Write(DashboardRenderer.Render(Frames.State()));
        var lines = console.Output.Split('\n');

        var buy = Array.FindIndex(lines, line => line.Contains("11:59:59.000", StringComparison.Ordinal));
        var sell = Array.FindIndex(lines, line => line.Contains("11:59:58.000", StringComparison.Ordinal));
        Assert.True(buy >= 0 && sell > buy, $"buy at {buy}, sell at {sell}");
        Assert.Contains(Green + "buy", lines[buy], StringComparison.Ordinal);
        Assert.Contains(Red + "sell", lines[sell], StringComparison.Ordinal);
        Assert.Contains("Trades (57 seen)", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Status_ShowsConnectionRatesDropsReconnectsAndLatency()
    {
        var text = string.Join('\n', Render(Frames.State()));

        Assert.Contains("Connected since", text, StringComparison.Ordinal);
        Assert.Contains("4 streams · public · uncompressed · 2 reconnects", text, StringComparison.Ordinal);
        Assert.Contains("123.4/s (5,678 total)", text, StringComparison.Ordinal);
        Assert.Matches(@"items dropped\s+3", text);
        Assert.Matches(@"reconnects\s+2", text);
        Assert.Contains("last 12 ms · median 10 ms · max 40 ms", text, StringComparison.Ordinal);
        Assert.Contains("Synced at update 4242 · 1 resyncs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BookNotSynced_SaysSoInsteadOfASpread()
    {
        var empty = new BookView(OrderBookState.Syncing, 0, 0, [], []);

        var text = string.Join('\n', Render(Frames.State(empty)));

        Assert.Contains("(no book yet)", text, StringComparison.Ordinal);
        Assert.Contains("Syncing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("spread", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Header_NamesEveryMarketAndTheKeys()
    {
        var header = Render(Frames.State())[0];

        Assert.Contains("SOL_USDC", header, StringComparison.Ordinal);
        Assert.Contains("BTC_USDC", header, StringComparison.Ordinal);
        Assert.Contains("q quit", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Chart_LabelsTheHighAndLowAndRisesLeftToRight()
    {
        var lines = Render(Frames.State());

        var top = Line(lines, "151 ");
        var bottom = Line(lines, "149 ");
        Assert.True(bottom > top);
        Assert.Contains("Price, last 3 min", string.Join('\n', lines), StringComparison.Ordinal);
    }

    /// <summary>The frame as plain text lines, 160 columns wide.</summary>
    private static string[] Render(DashboardState state)
    {
        var console = new TestConsole().Width(160);
        console.Write(DashboardRenderer.Render(state));
        return [.. console.Lines];
    }

    /// <summary>The index of the only line holding every one of <paramref name="parts"/>.</summary>
    private static int Line(string[] lines, params string[] parts)
    {
        var matches = lines.Select((line, index) => (line, index)).Where(l => parts.All(p => l.line.Contains(p, StringComparison.Ordinal))).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} lines hold '{string.Join("', '", parts)}':\n{string.Join('\n', lines)}");
        return matches[0].index;
    }
}
