namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>How far <see cref="RandomPayloads"/> strays from what the server sends.</summary>
internal enum PayloadProfile
{
    /// <summary>
    /// What the server sends: compact, ASCII, every required field, valid values in the wire's forms (decimals mostly
    /// strings, ids strings or numbers), random key order and level counts. The fast path must take every one.
    /// </summary>
    Wire,

    /// <summary>
    /// Compact ASCII JSON without escapes, but anything else: odd and invalid values, wrong kinds, missing and duplicate
    /// keys, unknown keys with nested values. The fast path must accept exactly what the general path accepts.
    /// </summary>
    Compact,

    /// <summary>
    /// <see cref="Compact"/> plus what the fast path declines: whitespace, escapes, non-ASCII text, deep nesting, numbers
    /// outside the JSON grammar. The fast path must decline or agree.
    /// </summary>
    Noisy,
}
