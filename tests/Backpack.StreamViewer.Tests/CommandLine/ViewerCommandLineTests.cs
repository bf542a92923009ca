namespace Backpack.StreamViewer.Tests.CommandLine;

public sealed class ViewerCommandLineTests
{
    [Fact]
    public async Task RunAsync_GoodArguments_RunsTheViewerWithThem()
    {
        var (code, arguments, _, error) = await RunAsync("--simulate", "--symbol", "SOL_USDC,BTC_USDC", "--duration", "2.5", "--record", "s.jsonl.gz");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.NotNull(arguments);
        Assert.True(arguments.Simulate);
        Assert.Equal(["SOL_USDC", "BTC_USDC"], arguments.Symbols);
        Assert.Equal(TimeSpan.FromSeconds(2.5), arguments.Duration);
        Assert.Equal("s.jsonl.gz", arguments.RecordPath);
        Assert.Null(arguments.ReplayPath);
    }

    [Fact]
    public async Task RunAsync_NoArguments_ShowsTheDefaultMarket()
    {
        var (_, arguments, _, _) = await RunAsync();

        Assert.Equal(["SOL_USDC"], arguments!.Symbols);
        Assert.False(arguments.Simulate);
        Assert.Null(arguments.Duration);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("10", 10.0)]
    [InlineData("max", double.PositiveInfinity)]
    public async Task RunAsync_ReplaySpeed_IsParsed(string speed, double expected)
    {
        var (code, arguments, _, _) = await RunAsync("--replay", "s.jsonl", "--speed", speed);

        Assert.Equal(0, code);
        Assert.Equal("s.jsonl", arguments!.ReplayPath);
        Assert.Equal(expected, arguments.Speed);
        Assert.Empty(arguments.Symbols);
    }

    [Theory]
    [InlineData("--duration", "-1")]
    [InlineData("--duration", "soon")]
    [InlineData("--symbol", "NOT A SYMBOL")]
    [InlineData("--bogus")]
    [InlineData("--replay", "s.jsonl", "--speed", "fast")]
    [InlineData("--speed", "10")]
    [InlineData("--replay", "s.jsonl", "--simulate")]
    [InlineData("--symbol")]
    public async Task RunAsync_BadArguments_Exit2WithAMessageAndNeverRun(params string[] args)
    {
        var (code, arguments, _, error) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Null(arguments);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Run with --help for usage.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_PrintsEveryOptionAndExits0()
    {
        var (code, arguments, output, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Null(arguments);
        foreach (var option in new[] { "--simulate", "--symbol", "--duration", "--record", "--replay", "--speed", "--help" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Code, ViewerArguments? Arguments, string Output, string Error)> RunAsync(params string[] args)
    {
        ViewerArguments? seen = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ViewerCommandLine.RunAsync(args, arguments =>
        {
            seen = arguments;
            return Task.FromResult(0);
        }, output, error);
        return (code, seen, output.ToString(), error.ToString());
    }
}
