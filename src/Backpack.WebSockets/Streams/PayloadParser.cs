namespace Backpack.WebSockets.Streams;

/// <summary>Turns the UTF-8 JSON of one frame's <c>data</c> object into a typed item.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="data">The bytes of the <c>data</c> value, from its opening brace to its closing brace.</param>
/// <returns>The parsed item.</returns>
/// <exception cref="Protocol.PayloadFormatException">The payload does not have the expected shape.</exception>
internal delegate T PayloadParser<T>(ReadOnlySpan<byte> data);
