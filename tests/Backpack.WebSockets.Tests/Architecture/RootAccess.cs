namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>What a folder may use of the root namespace <c>Backpack.WebSockets</c> (the client's public face).</summary>
public enum RootAccess
{
    /// <summary>No root type at all (Transport).</summary>
    None,

    /// <summary>The shared vocabulary types (<see cref="LayerRules.Vocabulary"/>), any member of them; no other root type.</summary>
    Vocabulary,

    /// <summary>The shared vocabulary types, plus the public surface of every other root type (public types through public members).</summary>
    VocabularyAndPublicSurface,

    /// <summary>Only the public surface: public root types through public members, the vocabulary types included.</summary>
    PublicSurface,

    /// <summary>Everything (the root itself composes the folders).</summary>
    Everything,
}
