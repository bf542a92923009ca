namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>One key a parser reads.</summary>
/// <param name="Key">The wire key.</param>
/// <param name="Kind">What the value is.</param>
/// <param name="Required">Whether the parser rejects a payload without it.</param>
/// <param name="Names">For enums: the wire names the server sends.</param>
internal sealed record PayloadField(string Key, FieldKind Kind, bool Required, string[]? Names = null);
