namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>
/// The folder dependency rules of design.md §3 ("Layout"), checked on the compiled <c>Backpack.WebSockets</c> assembly
/// (ArchUnitNET reads signatures, fields, attributes and method bodies; lambdas and async state machines count as the
/// type that wrote them). A folder is a namespace under <c>Backpack.WebSockets</c> (<c>Models.Rest</c> is Models,
/// <c>Protocol.Payloads</c> is Protocol); a folder may always use itself. The rules (<see cref="LayerRules"/>):
/// <list type="bullet">
/// <item>Models on nothing of ours; Protocol on Models; Transport, Authentication and Diagnostics on nothing of ours;
/// Rest on Models, Protocol and Authentication; Streams on Models; Connections on Transport, Protocol, Streams,
/// Authentication and Diagnostics.</item>
/// <item>The root namespace (the client's public face) composes them: it may use everything.</item>
/// <item>OrderBook and Account: the models, the public surface of Rest (the REST client) and of the root (the client's
/// public members), plus their own narrow internal seams, which live in their own folder (for the order book
/// <c>OrderBook.IDepthFeed</c>, implemented by the root).</item>
/// <item>DependencyInjection: only the public surface (public types through public members) of every other folder and
/// of the root; the connector seam <c>Transport.IWebSocketConnector</c> is public. Its types are declared in the
/// namespaces <c>Microsoft.Extensions.DependencyInjection</c> (the extension methods) and the root (the health check); they
/// are read as the DependencyInjection folder.</item>
/// <item>Recording, which §3 predates: read as a leaf on nothing of ours, like Diagnostics.</item>
/// </list>
/// Interpretation of "on nothing of ours" for the root namespace: its shared vocabulary types
/// (<see cref="LayerRules.Vocabulary"/>: <c>BackpackStreamException</c>, <c>BackpackStreamErrorCode</c>,
/// <c>BackpackConnectionState</c>, <c>BackpackStream&lt;T&gt;</c>, <c>BackpackSubscription&lt;T&gt;</c>,
/// <c>BackpackReconnectPolicy</c>, <c>BackpackRetryContext</c>, <c>BackpackReconnectingEventArgs</c>,
/// <c>BackpackReconnectedEventArgs</c>, <c>BackpackConnectionInfo</c>, <c>BackpackStreamClientOptions</c>) may be used by
/// every inner folder except Transport, which uses no root type at all. No other root type may be used by an inner folder;
/// in particular no inner folder uses <c>BackpackStreamClient</c> itself, except OrderBook, Account and
/// DependencyInjection through its public members.
/// The violations still in <c>src/</c> are listed, each with why, in <see cref="KnownViolations"/>; any other fails here.
/// </summary>
public class DependencyRulesTests
{
    public static TheoryData<string> Folders => new(LayerRules.ByFolder.Keys.Where(f => f != LayerRules.Root).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_DependsOnlyOnWhatItsRuleAllows(string folder)
    {
        var known = KnownViolations.All.Select(v => (v.Origin, v.Target)).ToHashSet();
        var violations = CodeMap.Library.Dependencies
            .Where(d => d.OriginFolder == folder && !LayerRules.Permits(d) && !known.Contains((d.Origin, d.Target)))
            .Select(d => d.ToString())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            violations.Count == 0,
            $"{folder} breaks its dependency rule (design.md §3) in {violations.Count} place(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void EveryFolderOfTheLibrary_HasARule()
    {
        var unruled = CodeMap.Library.Folders.Where(f => !LayerRules.ByFolder.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unruled.Count == 0, $"Folders without a dependency rule: {string.Join(", ", unruled)}");
    }

    [Fact]
    public void EveryKnownViolation_StillOccurs()
    {
        var current = CodeMap.Library.Dependencies.Where(d => !LayerRules.Permits(d)).Select(d => (d.Origin, d.Target)).ToHashSet();
        var stale = KnownViolations.All.Where(v => !current.Contains((v.Origin, v.Target))).Select(v => $"{v.Origin} -> {v.Target}").ToList();

        Assert.True(stale.Count == 0, $"Fixed, so remove from KnownViolations: {string.Join("; ", stale)}");
    }

    [Fact]
    public void Map_SeesDependenciesInSignaturesAndBodies()
    {
        var dependencies = CodeMap.Library.Dependencies;

        Assert.Contains(dependencies, d => d.Origin == "Backpack.WebSockets.BackpackStreamClient" && d.Target == "Backpack.WebSockets.OrderBook.IDepthFeed");
        Assert.Contains(dependencies, d => d.OriginFolder == "Connections" && d.Target == "Backpack.WebSockets.Transport.IWebSocketConnection" && d.Member is not null);
        Assert.Contains(dependencies, d => d.Origin == "Backpack.WebSockets.OrderBook.BackpackOrderBook" && d.Target == "Backpack.WebSockets.BackpackStreamClient");
    }
}
