namespace Backpack.WebSockets.Testing;

/// <summary>
/// The numeric codes that <see cref="BackpackTestServer"/> puts in error frames
/// (<c>{"id":null,"error":{"code":4006,"message":"Invalid stream"}}</c>).
/// </summary>
/// <remarks>
/// <see cref="InvalidSignature"/> and <see cref="InvalidStream"/> are the codes the real exchange is known to send.
/// <see cref="InvalidRequest"/> and <see cref="TooManyStreams"/> are this test server's own: the real exchange's
/// answer to a malformed request or to too many streams is not documented.
/// </remarks>
public static class BackpackErrorCodes
{
    /// <summary>The request was not a JSON object with a <c>method</c> of <c>SUBSCRIBE</c> or <c>UNSUBSCRIBE</c> and a <c>params</c> array of strings (test server's own code).</summary>
    public const int InvalidRequest = 4000;

    /// <summary>A private (<c>account.*</c>) SUBSCRIBE carried no valid, current signature (real exchange code).</summary>
    public const int InvalidSignature = 4003;

    /// <summary>A SUBSCRIBE named an unknown stream type, an unknown symbol or a malformed stream name (real exchange code).</summary>
    public const int InvalidStream = 4006;

    /// <summary>A SUBSCRIBE would take the connection over <see cref="BackpackTestServerOptions.MaxStreamsPerConnection"/> (test server's own code).</summary>
    public const int TooManyStreams = 4007;

    /// <summary>The message sent with <see cref="InvalidRequest"/>.</summary>
    public const string InvalidRequestMessage = "Invalid request";

    /// <summary>The message sent with <see cref="InvalidSignature"/>, as the real exchange sends it.</summary>
    public const string InvalidSignatureMessage = "Invalid signature";

    /// <summary>The message sent with <see cref="InvalidStream"/>, as the real exchange sends it.</summary>
    public const string InvalidStreamMessage = "Invalid stream";

    /// <summary>The message sent with <see cref="TooManyStreams"/>.</summary>
    public const string TooManyStreamsMessage = "Too many streams";
}
