namespace Backpack.WebSockets.TestSupport;

/// <summary>
/// A reconnect policy with a fixed delay that records every context it is asked with, and gives up (returns null) once
/// <c>PreviousRetryCount</c> reaches <paramref name="giveUpAfter"/> (never, by default).
/// </summary>
internal sealed class RecordingPolicy(TimeSpan delay, int giveUpAfter = int.MaxValue) : BackpackReconnectPolicy
{
    private readonly List<BackpackRetryContext> _contexts = [];

    /// <summary>Every context asked with, in order.</summary>
    public IReadOnlyList<BackpackRetryContext> Contexts
    {
        get
        {
            lock (_contexts)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>The <see cref="BackpackRetryContext.RetryReason"/> of every context asked with, in order.</summary>
    public IReadOnlyList<Exception> Reasons => [.. Contexts.Select(c => c.RetryReason)];

    /// <inheritdoc />
    public override TimeSpan? NextRetryDelay(BackpackRetryContext context)
    {
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return context.PreviousRetryCount >= giveUpAfter ? null : delay;
    }
}
