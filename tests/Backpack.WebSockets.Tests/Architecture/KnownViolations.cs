namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>
/// The one allow-list of the dependency rules: each dependency of <c>src/</c> that breaks a rule today, with why it is still
/// there. A new violation fails <see cref="DependencyRulesTests"/>; so does an entry that no longer occurs (remove it).
/// </summary>
public static class KnownViolations
{
    /// <summary>The tolerated violations.</summary>
    public static readonly IReadOnlyList<KnownViolation> All = [];
}
