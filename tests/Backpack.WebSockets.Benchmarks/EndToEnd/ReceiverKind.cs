namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>The receivers the loopback run compares; all read the same frames from the same sender.</summary>
public enum ReceiverKind
{
    /// <summary>A bare <c>ClientWebSocket</c> receive loop that only counts messages: the floor.</summary>
    Raw,

    /// <summary>The raw loop plus <c>JsonDocument.Parse</c> and reflection <c>JsonSerializer.Deserialize</c> of <c>data</c>.</summary>
    Naive,

    /// <summary>Websocket.Client (the popular NuGet package) with System.Text.Json deserialization of each text message.</summary>
    WebsocketClient,

    /// <summary>Backpack.WebSockets: <c>SubscribeAsync(BackpackStreams.Trades(...))</c> read with <c>await foreach</c>.</summary>
    Library,

    /// <summary>The raw loop with permessage-deflate negotiated: <c>ClientWebSocket</c> inflates every message.</summary>
    RawDeflate,

    /// <summary>The library with permessage-deflate negotiated (its default, <c>EnableCompression</c>).</summary>
    LibraryDeflate,
}
