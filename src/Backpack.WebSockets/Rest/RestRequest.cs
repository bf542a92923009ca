namespace Backpack.WebSockets.Rest;

/// <summary>One GET the REST client sends: path, query parameters in the order given, and the instruction when it is signed.</summary>
/// <param name="Path">The path below the REST endpoint, for example <c>/api/v1/orders</c>.</param>
/// <param name="Instruction">The signing instruction (spec §9.1), or <see langword="null"/> for a public read.</param>
/// <param name="Parameters">The query parameters actually sent; values are the decoded text.</param>
internal sealed record RestRequest(string Path, string? Instruction, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>Whether the request carries the <c>X-API-Key</c>/<c>X-Signature</c> headers.</summary>
    public bool IsSigned => Instruction is not null;
}
