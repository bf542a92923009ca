namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>One dependency of a type of ours on another type of ours, as compiled.</summary>
/// <param name="Origin">The depending type, as its outermost declaring type (a lambda's closure or an async state machine counts as the type that wrote it).</param>
/// <param name="OriginFolder">The origin's folder.</param>
/// <param name="Target">The type depended on, as its outermost declaring type, without generic arguments.</param>
/// <param name="TargetFolder">The target's folder.</param>
/// <param name="TargetIsPublic">Whether the target type itself (not only its outermost type) is visible outside the assembly.</param>
/// <param name="Member">The member of the target used (a call, a field or property access), or null for a type-only dependency.</param>
/// <param name="MemberIsPublic">Whether <paramref name="Member"/> is visible outside the assembly; true when there is no member.</param>
public sealed record CodeDependency(
    string Origin,
    string OriginFolder,
    string Target,
    string TargetFolder,
    bool TargetIsPublic,
    string? Member,
    bool MemberIsPublic)
{
    /// <summary>Whether this uses only what a user of the package could use.</summary>
    public bool IsPublicSurface => TargetIsPublic && MemberIsPublic;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Origin} ({OriginFolder}) -> {Target} ({TargetFolder}){(Member is null ? "" : $" via {Member}")}" +
        (IsPublicSurface ? "" : TargetIsPublic ? " [non-public member]" : " [non-public type]");
}
