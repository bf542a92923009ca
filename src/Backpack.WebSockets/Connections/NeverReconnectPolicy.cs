namespace Backpack.WebSockets.Connections;

/// <summary>Gives up at once: a lost connection is not re-established.</summary>
internal sealed class NeverReconnectPolicy : BackpackReconnectPolicy
{
    public override TimeSpan? NextRetryDelay(BackpackRetryContext context) => null;
}
