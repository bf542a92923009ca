using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Backpack.WebSockets.Tests.Rest;

public sealed class MarketCatalogTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Mock<BackpackRestClient> _rest = new();
    private IReadOnlyList<Market> _markets =
    [
        new Market { Symbol = "SOL_USDC", OrderBookState = MarketOrderBookState.Open },
        new Market { Symbol = "TON_USDC_PERP", OrderBookState = MarketOrderBookState.Closed },
        new Market { Symbol = "SPCX.US_USDC", OrderBookState = MarketOrderBookState.PostOnly },
    ];

    public MarketCatalogTests() =>
        _rest.Setup(r => r.GetMarketsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => _markets);

    private MarketCatalog CreateCatalog() => new(_rest.Object, _time)
    {
        RefreshInterval = TimeSpan.FromMinutes(5),
        MinRefreshInterval = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData("SOL_USDC", nameof(MarketStatus.Known))]
    [InlineData("SPCX.US_USDC", nameof(MarketStatus.Known))]
    [InlineData("TON_USDC_PERP", nameof(MarketStatus.Closed))]
    [InlineData("NOPE_USDC_PERP", nameof(MarketStatus.Unknown))]
    [InlineData("sol_usdc", nameof(MarketStatus.Unknown))]
    public async Task GetStatusAsync_AnswersFromTheCatalog(string symbol, string expected)
    {
        var catalog = CreateCatalog();

        Assert.Equal(Enum.Parse<MarketStatus>(expected), await catalog.GetStatusAsync(symbol));
    }

    [Fact]
    public async Task GetStatusAsync_KnownSymbols_ReadTheCatalogOnce()
    {
        var catalog = CreateCatalog();

        await catalog.GetStatusAsync("SOL_USDC");
        await catalog.GetStatusAsync("TON_USDC_PERP");
        await catalog.GetStatusAsync("SOL_USDC");

        _rest.Verify(r => r.GetMarketsAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetStatusAsync_UnknownSymbol_ReadsAgainAtMostOncePerMinInterval()
    {
        var catalog = CreateCatalog();
        await catalog.GetStatusAsync("SOL_USDC");

        _time.Advance(TimeSpan.FromSeconds(31));
        _markets = [.. _markets, new Market { Symbol = "NEW_USDC", OrderBookState = MarketOrderBookState.Open }];
        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("NEW_USDC"));
        Assert.Equal(2, catalog.ReadCount);

        // A typo repeated at once costs no more reads.
        Assert.Equal(MarketStatus.Unknown, await catalog.GetStatusAsync("TYPO_USDC"));
        Assert.Equal(MarketStatus.Unknown, await catalog.GetStatusAsync("TYPO_USDC"));
        Assert.Equal(2, catalog.ReadCount);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(MarketStatus.Unknown, await catalog.GetStatusAsync("TYPO_USDC"));
        Assert.Equal(3, catalog.ReadCount);
    }

    [Fact]
    public async Task GetStatusAsync_AfterRefreshInterval_ReadsAgainAndSeesAClosure()
    {
        var catalog = CreateCatalog();
        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("SOL_USDC"));

        _markets = [new Market { Symbol = "SOL_USDC", OrderBookState = MarketOrderBookState.Closed }];
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("SOL_USDC"));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(MarketStatus.Closed, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal(2, catalog.ReadCount);
    }

    [Fact]
    public async Task StartRefreshing_ReadsOnTheScheduleWithoutQuestions()
    {
        using var catalog = CreateCatalog();
        await catalog.GetStatusAsync("SOL_USDC");
        catalog.StartRefreshing();
        _markets = [new Market { Symbol = "SOL_USDC", OrderBookState = MarketOrderBookState.Closed }];

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, catalog.ReadCount);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, catalog.ReadCount);

        // The background read already saw the closure: the question costs no read.
        Assert.Equal(MarketStatus.Closed, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal(3, catalog.ReadCount);

        catalog.Dispose();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, catalog.ReadCount);
    }

    [Fact]
    public async Task GetStatusAsync_CatalogNeverRead_IsUnavailableAndRetriedOnlyAfterMinInterval()
    {
        _rest.Setup(r => r.GetMarketsAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new BackpackStreamException(BackpackStreamErrorCode.RequestFailed, "down") { HttpStatusCode = 503 });
        var catalog = CreateCatalog();

        Assert.Equal(MarketStatus.CatalogUnavailable, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal(MarketStatus.CatalogUnavailable, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal(1, catalog.ReadCount);

        _rest.Setup(r => r.GetMarketsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => _markets);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("SOL_USDC"));
    }

    [Fact]
    public async Task GetStatusAsync_RefreshFails_KeepsTheLastCatalog()
    {
        var catalog = CreateCatalog();
        await catalog.GetStatusAsync("SOL_USDC");
        _rest.Setup(r => r.GetMarketsAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new BackpackStreamException(BackpackStreamErrorCode.RequestFailed, "down") { HttpStatusCode = 503 });

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal(MarketStatus.Closed, await catalog.GetStatusAsync("TON_USDC_PERP"));
    }

    [Fact]
    public async Task GetStatusAsync_ConcurrentQuestions_ShareOneRead()
    {
        var pending = new TaskCompletionSource<IReadOnlyList<Market>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rest.Setup(r => r.GetMarketsAsync(It.IsAny<CancellationToken>())).Returns(pending.Task);
        var catalog = CreateCatalog();

        var first = catalog.GetStatusAsync("SOL_USDC");
        var second = catalog.GetStatusAsync("TON_USDC_PERP");
        pending.SetResult(_markets);

        Assert.Equal(MarketStatus.Known, await first.OrTimeout());
        Assert.Equal(MarketStatus.Closed, await second.OrTimeout());
        Assert.Equal(1, catalog.ReadCount);
    }

    [Fact]
    public async Task GetStatusAsync_OverHttp_ReadsTheMarketsEndpoint()
    {
        using var harness = new RestHarness(credentials: false);
        harness.Handler.ThenJson("""[{"symbol":"SOL_USDC","orderBookState":"Open"}]""");
        var catalog = new MarketCatalog(harness.Client, harness.Time);

        Assert.Equal(MarketStatus.Known, await catalog.GetStatusAsync("SOL_USDC"));
        Assert.Equal("/api/v1/markets", harness.LastRequest.RequestUri!.PathAndQuery);
        Assert.Equal(HttpMethod.Get, harness.LastRequest.Method);
    }
}
