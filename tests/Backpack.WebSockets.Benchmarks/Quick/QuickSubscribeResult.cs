namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>The subscribe figures of the quick line (part 5).</summary>
/// <param name="Streams">How many quiet streams.</param>
/// <param name="Subscribe">The library: all of them subscribed at once, until every SubscribeAsync returned.</param>
/// <param name="Resubscribe">The library: from a drop of the connection to its Reconnected event.</param>
/// <param name="OnePerFrame">The baseline: one stream per frame, one error window each.</param>
internal sealed record QuickSubscribeResult(int Streams, TimeSpan Subscribe, TimeSpan Resubscribe, TimeSpan OnePerFrame);
