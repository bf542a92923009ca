using Backpack.Soak;
using Xunit.Abstractions;

namespace Backpack.WebSockets.IntegrationTests.Soak;

/// <summary>
/// The long run: the same scenario as the <c>Backpack.Soak</c> sample, for <c>BACKPACK_SOAK_SECONDS</c> of real time.
/// Run it alone (<c>--filter Category=Soak</c>): it counts every unobserved task exception in the process.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests
{
    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    [SoakFact]
    public async Task Soak_WithDropsClosesGapsAndRejectedHandshakes_BookPrivateEventsMemoryAndTasksHold()
    {
        var options = new SoakOptions { Duration = SoakFactAttribute.Duration!.Value };

        var report = await SoakScenario.RunAsync(options, _output.WriteLine);

        _output.WriteLine(report.ToString());
        Assert.True(report.Faults.Values.Sum() > 0 || options.Duration < TimeSpan.FromSeconds(30), "no fault was injected");
        Assert.True(report.BookMatched, "the book differs from the server's");
        Assert.True(report.Delivery.Sent > 0, "no private event was sent");
        Assert.True(report.Delivery.IsExactlyOnceInOrder, "private events were not delivered exactly once, in order");
        // One resync per fault at least; extra ones (overflow, a gap seen before the reconnect is handled) are reported.
        Assert.InRange(report.Resyncs, report.ExpectedResyncs, int.MaxValue);
        Assert.Equal(report.ExpectedReconnects, report.ReconnectingEvents);
        Assert.Equal(report.ExpectedReconnects, report.ReconnectedEvents);
        Assert.Equal(report.ExpectedReconnects + report.HandshakesRejected, report.ReconnectAttempts);
        Assert.Equal(0, report.UnobservedTaskExceptions);
        Assert.Equal(nameof(BackpackConnectionState.Connected), report.FinalState);
        Assert.InRange(report.ManagedGrowthBytes, long.MinValue, options.MaxManagedGrowthBytes);
        Assert.Empty(report.Failures);
    }
}
