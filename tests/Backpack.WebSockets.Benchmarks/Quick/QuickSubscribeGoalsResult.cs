namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>The figures of part 5b of the quick mode.</summary>
/// <param name="PublicStreams">How many quiet public streams (3 private ones come with them).</param>
/// <param name="Subscribe">Until every subscribe returned.</param>
/// <param name="Resubscribe">From a drop of both connections until both were back.</param>
/// <param name="WholeFrameRejected">With one invalid stream, the fake exchange rejecting the whole frame.</param>
/// <param name="MemberRejected">With one invalid stream, the fake exchange rejecting only it.</param>
internal sealed record QuickSubscribeGoalsResult(int PublicStreams, TimeSpan Subscribe, TimeSpan Resubscribe, InvalidStreamRun WholeFrameRejected, InvalidStreamRun MemberRejected);
