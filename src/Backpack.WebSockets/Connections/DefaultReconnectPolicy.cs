namespace Backpack.WebSockets.Connections;

/// <summary>Exponential backoff with jitter that never gives up: 0 s, then 1 s, 2 s, 4 s … capped at 30 s.</summary>
internal sealed class DefaultReconnectPolicy : BackpackReconnectPolicy
{
    /// <summary>The longest delay between attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>How far a delay may vary either way, as a fraction of it.</summary>
    public const double JitterFraction = 0.2;

    private readonly Func<double> _nextDouble;

    public DefaultReconnectPolicy()
        : this(Random.Shared.NextDouble)
    {
    }

    /// <summary>Creates the policy with a source of uniform values in [0, 1), so tests can pin the jitter.</summary>
    public DefaultReconnectPolicy(Func<double> nextDouble) => _nextDouble = nextDouble;

    public override TimeSpan? NextRetryDelay(BackpackRetryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.PreviousRetryCount == 0)
        {
            // A blip is the common case: try again at once.
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(context.PreviousRetryCount - 1, 5);
        var baseSeconds = Math.Min(Math.Pow(2, exponent), MaxDelay.TotalSeconds);
        var factor = 1 + (((_nextDouble() * 2) - 1) * JitterFraction);
        return TimeSpan.FromSeconds(Math.Min(baseSeconds * factor, MaxDelay.TotalSeconds));
    }
}
