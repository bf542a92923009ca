namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>What the two parse paths made of one payload (a fast path that accepts must agree, see <see cref="Differential"/>).</summary>
internal enum DifferentialOutcome
{
    /// <summary>The fast path returned a model, equal to the general path's.</summary>
    FastAccepted,

    /// <summary>The fast path declined; the general path returned a model.</summary>
    DeclinedGeneralAccepted,

    /// <summary>The fast path declined; the general path rejected the payload.</summary>
    DeclinedGeneralRejected,
}
