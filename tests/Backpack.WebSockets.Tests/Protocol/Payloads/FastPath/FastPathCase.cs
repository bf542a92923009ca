namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>One parser with a fast path: both of its halves, its golden payloads and the shape of its fields.</summary>
/// <param name="Name">The payload's name, as in <see cref="ParserCases"/>.</param>
/// <param name="Fast">The fast path alone: the model, or <see langword="null"/> where it declined.</param>
/// <param name="General">The general path alone: the model, or a <see cref="Backpack.WebSockets.Protocol.PayloadFormatException"/>.</param>
/// <param name="Parse">The parser as used: the fast path, then the general path where it declined.</param>
/// <param name="Frames">Spec frames of this payload.</param>
/// <param name="Fields">The keys the parser reads and what each holds.</param>
/// <param name="Symbol">Reads the interned symbol of a model, to check that both paths give the cached instance.</param>
internal sealed record FastPathCase(
    string Name,
    Func<byte[], object?> Fast,
    Func<byte[], object> General,
    Func<byte[], object> Parse,
    string[] Frames,
    IReadOnlyList<PayloadField> Fields,
    Func<object, string> Symbol);
