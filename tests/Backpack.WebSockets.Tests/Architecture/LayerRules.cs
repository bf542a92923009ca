namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>The folder dependency rules of design.md §3, as data (see <see cref="DependencyRulesTests"/> for how they read).</summary>
public static class LayerRules
{
    /// <summary>The name used for the root namespace <c>Backpack.WebSockets</c> itself.</summary>
    public const string Root = "(root)";

    /// <summary>
    /// The root namespace's shared vocabulary: the types every inner folder but Transport may use (the exception and its
    /// codes, states, stream descriptors, subscriptions, the reconnect policy and its context and event arguments, the
    /// connection info, the options). <c>BackpackStreamClient</c> itself is not among them.
    /// </summary>
    public static readonly IReadOnlySet<string> Vocabulary = new HashSet<string>(StringComparer.Ordinal)
    {
        "Backpack.WebSockets.BackpackStreamException",
        "Backpack.WebSockets.BackpackStreamErrorCode",
        "Backpack.WebSockets.BackpackConnectionState",
        "Backpack.WebSockets.BackpackStream`1",
        "Backpack.WebSockets.BackpackSubscription`1",
        "Backpack.WebSockets.BackpackReconnectPolicy",
        "Backpack.WebSockets.BackpackRetryContext",
        "Backpack.WebSockets.BackpackReconnectingEventArgs",
        "Backpack.WebSockets.BackpackReconnectedEventArgs",
        "Backpack.WebSockets.BackpackConnectionInfo",
        "Backpack.WebSockets.BackpackStreamClientOptions",

        // The range check every options setter uses (the client's, the book's, the tracker's): a helper, not a layer.
        "Backpack.WebSockets.OptionRanges",

        // The wait a Retry-After bounds from below (reconnects, REST retries): a helper, not a layer.
        "Backpack.WebSockets.Delays",
    };

    /// <summary>Every folder's rule, by folder.</summary>
    public static readonly IReadOnlyDictionary<string, LayerRule> ByFolder = new[]
    {
        Rule("Models", [], [], RootAccess.Vocabulary),
        Rule("Protocol", ["Models"], [], RootAccess.Vocabulary),
        Rule("Transport", [], [], RootAccess.None),
        Rule("Authentication", [], [], RootAccess.Vocabulary),
        Rule("Diagnostics", [], [], RootAccess.Vocabulary),

        // Not in design.md §3, which predates it: the frame recorder hook (IBackpackFrameRecorder) and its file writer, read
        // as a leaf like Diagnostics. §3 does not list it among Connections' dependencies: see KnownViolations.
        Rule("Recording", [], [], RootAccess.Vocabulary),
        Rule("Rest", ["Models", "Protocol", "Authentication"], [], RootAccess.Vocabulary),
        Rule("Streams", ["Models"], [], RootAccess.Vocabulary),
        // Recording is a leaf hook like Diagnostics: every receive loop hands its frames to the recorder (§3 predates it).
        Rule("Connections", ["Transport", "Protocol", "Streams", "Authentication", "Diagnostics", "Recording"], [], RootAccess.Vocabulary),
        Rule("OrderBook", ["Models"], ["Rest"], RootAccess.VocabularyAndPublicSurface),
        Rule("Account", ["Models"], ["Rest"], RootAccess.VocabularyAndPublicSurface),
        Rule(
            "DependencyInjection",
            [],
            ["Models", "Protocol", "Transport", "Authentication", "Diagnostics", "Rest", "Streams", "Connections", "OrderBook", "Account"],
            RootAccess.PublicSurface),
        Rule(Root, [], [], RootAccess.Everything),
    }.ToDictionary(r => r.Folder, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="dependency"/> keeps its origin folder's rule.</summary>
    public static bool Permits(CodeDependency dependency)
    {
        if (!ByFolder.TryGetValue(dependency.OriginFolder, out var rule))
        {
            return false;
        }

        if (dependency.TargetFolder == rule.Folder || rule.Allowed.Contains(dependency.TargetFolder))
        {
            return true;
        }

        if (rule.PublicSurfaceOf.Contains(dependency.TargetFolder))
        {
            return dependency.IsPublicSurface;
        }

        if (dependency.TargetFolder != Root)
        {
            return false;
        }

        var vocabulary = Vocabulary.Contains(dependency.Target);
        return rule.Root switch
        {
            RootAccess.Everything => true,
            RootAccess.Vocabulary => vocabulary,
            RootAccess.VocabularyAndPublicSurface => vocabulary || dependency.IsPublicSurface,
            RootAccess.PublicSurface => dependency.IsPublicSurface,
            _ => false,
        };
    }

    private static LayerRule Rule(string folder, string[] allowed, string[] publicSurfaceOf, RootAccess root) =>
        new(folder, allowed.ToHashSet(StringComparer.Ordinal), publicSurfaceOf.ToHashSet(StringComparer.Ordinal), root);
}
