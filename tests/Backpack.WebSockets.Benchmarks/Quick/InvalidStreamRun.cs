namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>One run of many streams with one invalid among them.</summary>
/// <param name="OthersIn">Until every valid stream was subscribed.</param>
/// <param name="BadRejected">Until the invalid one failed with its typed error.</param>
/// <param name="Frames">How many SUBSCRIBE frames the server received.</param>
internal sealed record InvalidStreamRun(TimeSpan OthersIn, TimeSpan BadRejected, int Frames);
