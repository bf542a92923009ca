namespace Backpack.WebSockets.Benchmarks.Quick;

/// <summary>One run of part 6 of the quick mode.</summary>
/// <param name="Kind">The frames sent.</param>
/// <param name="Offered">Whether the client offered permessage-deflate.</param>
/// <param name="Negotiated">Whether the connection ended up compressed.</param>
/// <param name="MessagesPerSecond">Frames the consumer read per second.</param>
/// <param name="CpuMicrosecondsPerMessage">The process's CPU time per frame, server and client together.</param>
/// <param name="WireBytesPerMessage">Bytes the server wrote on the TCP connection per frame.</param>
/// <param name="TextBytesPerMessage">The frame's size as JSON text.</param>
internal sealed record QuickCompressionResult(
    Frames.FrameKind Kind,
    bool Offered,
    bool Negotiated,
    double MessagesPerSecond,
    double CpuMicrosecondsPerMessage,
    double WireBytesPerMessage,
    int TextBytesPerMessage);
