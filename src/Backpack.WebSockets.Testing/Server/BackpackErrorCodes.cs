namespace Backpack.WebSockets.Testing;

/// <summary>
/// The numeric codes that <see cref="BackpackTestServer"/> puts in error frames
/// (<c>{"id":null,"error":{"code":4006,"message":"Invalid stream"}}</c>).
/// </summary>
/// <remarks>
/// <see cref="ParseError"/>, <see cref="InvalidSignature"/>, <see cref="InvalidStream"/> and <see cref="InvalidDepthWindow"/>
/// are codes the real exchange is known to send (spec §3.4).
/// <see cref="InvalidRequest"/> and <see cref="TooManyStreams"/> are this test server's own: the real exchange's
/// answer to a malformed request or to too many streams is not documented.
/// </remarks>
public static class BackpackErrorCodes
{
    /// <summary>
    /// A <c>SUBSCRIBE</c> or <c>UNSUBSCRIBE</c> without a <c>params</c> array of strings, with an empty one, or a binary
    /// message (test server's own code).
    /// </summary>
    public const int InvalidRequest = 4000;

    /// <summary>A text message that is not a JSON object with a string <c>method</c>, or an unknown <c>method</c>; the socket stays open (real exchange code).</summary>
    public const int ParseError = 4002;

    /// <summary>A private (<c>account.*</c>) SUBSCRIBE carried no valid, current signature (real exchange code).</summary>
    public const int InvalidSignature = 4003;

    /// <summary>
    /// A SUBSCRIBE named an unknown stream type or a malformed stream name (real exchange code). An unknown symbol gets
    /// silence, as on the real exchange, unless <see cref="BackpackTestServerOptions.RejectUnknownSymbols"/> is set.
    /// </summary>
    public const int InvalidStream = 4006;

    /// <summary>A SUBSCRIBE would take the connection over <see cref="BackpackTestServerOptions.MaxStreamsPerConnection"/> (test server's own code).</summary>
    public const int TooManyStreams = 4007;

    /// <summary>A SUBSCRIBE named <c>depth.&lt;N&gt;ms.&lt;symbol&gt;</c> with a window other than 200, 600 or 1000 ms (real exchange code).</summary>
    public const int InvalidDepthWindow = 4008;

    /// <summary>The message sent with <see cref="InvalidRequest"/>.</summary>
    public const string InvalidRequestMessage = "Invalid request";

    /// <summary>The message sent with <see cref="InvalidSignature"/>, as the real exchange sends it.</summary>
    public const string InvalidSignatureMessage = "Invalid signature";

    /// <summary>The message sent with <see cref="InvalidStream"/>, as the real exchange sends it.</summary>
    public const string InvalidStreamMessage = "Invalid stream";

    /// <summary>The message sent with <see cref="ParseError"/>, as the real exchange sends it.</summary>
    public const string ParseErrorMessage = "Parse error";

    /// <summary>The message sent with <see cref="InvalidDepthWindow"/>, as the real exchange sends it.</summary>
    public const string InvalidDepthWindowMessage = "Invalid depth window";

    /// <summary>The message sent with <see cref="TooManyStreams"/>.</summary>
    public const string TooManyStreamsMessage = "Too many streams";
}
