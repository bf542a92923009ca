namespace Backpack.WebSockets.Account;

/// <summary>How the tracker learned of an <see cref="AccountChange"/>.</summary>
public enum AccountChangeSource
{
    /// <summary>From an <c>account.*</c> stream event.</summary>
    Stream = 0,

    /// <summary>From a REST snapshot: the change was missed by the streams (for example while disconnected), or REST was first to show it.</summary>
    Reconciliation,
}
