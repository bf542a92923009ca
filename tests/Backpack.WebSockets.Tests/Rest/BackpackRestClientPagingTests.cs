using System.Globalization;
using System.Text;
using System.Web;
using Backpack.WebSockets.Rest;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>History paging: the client loops <c>offset += limit</c> and returns each row once (spec §9.5.1).</summary>
public sealed class BackpackRestClientPagingTests
{
    [Fact]
    public async Task GetFillsAsync_2350FillsOver3PagesWithOverlaps_ReturnsEachOnceInOrder()
    {
        using var harness = new RestHarness();

        // Newer fills arrive between the page reads, so each later page starts 10 rows before where the last one ended.
        harness.Handler.Fallback = request =>
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var offset = int.Parse(query["offset"] ?? "0", CultureInfo.InvariantCulture);
            var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
            var page = offset / limit;
            var start = Math.Max(0, offset - (10 * page));
            var end = Math.Min(2350, start + limit);
            var response = ScriptedHttpHandler.Json(FillsJson(start, end));
            response.Headers.Add("X-Page-Count", "3");
            response.Headers.Add("X-Current-Page", (page + 1).ToString(CultureInfo.InvariantCulture));
            response.Headers.Add("X-Page-Size", limit.ToString(CultureInfo.InvariantCulture));
            response.Headers.Add("X-Total", "2350");
            return response;
        };

        var tradeIds = new List<long>();
        await foreach (var fill in harness.Client.GetFillsAsync(new FillQuery { Symbol = "SOL_USDC" }))
        {
            tradeIds.Add(fill.TradeId!.Value);
        }

        Assert.Equal(Enumerable.Range(0, 2350).Select(i => 1_000_000L + i), tradeIds);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal(["0", "1000", "2000"], harness.Handler.Requests.Select(r => HttpUtility.ParseQueryString(r.RequestUri!.Query)["offset"] ?? "0"));
        Assert.All(harness.Handler.Requests, r => Assert.Equal("Asc", HttpUtility.ParseQueryString(r.RequestUri!.Query)["sortDirection"]));
    }

    [Fact]
    public async Task GetFillsAsync_FullPageAtTotal_StopsWithoutAnotherRequest()
    {
        using var harness = new RestHarness();
        harness.Handler.ThenJson(FillsJson(0, 2), configure: r => r.Headers.Add("X-Total", "2"));

        var count = 0;
        await foreach (var _ in harness.Client.GetFillsAsync(new FillQuery { PageSize = 2 }))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task GetFillsAsync_FillsWithoutTradeId_DeduplicatedByContent()
    {
        using var harness = new RestHarness();
        const string row = """{"orderId":"9","symbol":"SOL_USDC","side":"Bid","price":"1","quantity":"2","fee":"0","feeSymbol":"SOL","isMaker":true,"timestamp":"2026-09-01T00:00:00.001","tradeId":null}""";
        harness.Handler.ThenJson($"[{row},{row}]").ThenJson($"[{row}]");

        var count = 0;
        await foreach (var _ in harness.Client.GetFillsAsync(new FillQuery { PageSize = 2 }))
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task GetFillsAsync_PageSizeOutOfRange_Throws()
    {
        using var harness = new RestHarness();

        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetFillsAsync(new FillQuery { PageSize = 1001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetOrderHistoryAsync(new OrderHistoryQuery { PageSize = 0 }));
        await Task.CompletedTask;
    }

    private static string FillsJson(int start, int end)
    {
        var json = new StringBuilder("[");
        for (var i = start; i < end; i++)
        {
            var time = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i);
            json.Append(i == start ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"clientId":null,"fee":"0.001","feeSymbol":"USDC","isMaker":true,"orderId":"{{500 + (i / 3)}}","price":"150.25","quantity":"0.10","side":"Bid","symbol":"SOL_USDC","systemOrderType":null,"timestamp":"{{time:yyyy-MM-ddTHH:mm:ss.fff}}","tradeId":{{1_000_000 + i}}}""");
        }

        return json.Append(']').ToString();
    }
}
