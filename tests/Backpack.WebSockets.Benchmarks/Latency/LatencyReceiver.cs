namespace Backpack.WebSockets.Benchmarks.Latency;

/// <summary>The receivers of the latency runs; all read the same schedule from the same sender process.</summary>
internal enum LatencyReceiver
{
    /// <summary>A bare <c>ClientWebSocket</c> receive loop that reads the stamp inline: the floor.</summary>
    Raw,

    /// <summary>Websocket.Client, System.Text.Json deserialization of each message inside its <c>MessageReceived</c>.</summary>
    WebsocketClient,

    /// <summary>Backpack.WebSockets, one trade stream read with <c>await foreach</c>.</summary>
    Library,

    /// <summary>
    /// Backpack.WebSockets, one trade stream read with <c>await foreach</c>, the client's
    /// <see cref="BackpackStreamClientOptions.AllowSynchronousContinuations"/> on: the consumer resumes on the receive loop.
    /// </summary>
    LibraryInline,

    /// <summary>Backpack.WebSockets, ten trade streams on one client, each read by its own <c>await foreach</c>.</summary>
    LibraryTen,
}
