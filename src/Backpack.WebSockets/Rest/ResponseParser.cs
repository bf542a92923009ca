using System.Net.Http.Headers;

namespace Backpack.WebSockets.Rest;

/// <summary>Turns a successful response into a result.</summary>
/// <typeparam name="T">The result.</typeparam>
/// <param name="body">The whole UTF-8 body.</param>
/// <param name="headers">The response headers (history pages read <c>X-Total</c>).</param>
/// <returns>The result.</returns>
/// <exception cref="Protocol.PayloadFormatException">The body does not have the expected shape.</exception>
internal delegate T ResponseParser<out T>(ReadOnlySpan<byte> body, HttpResponseHeaders headers);
