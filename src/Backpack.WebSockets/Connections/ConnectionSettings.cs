namespace Backpack.WebSockets.Connections;

/// <summary>What a <see cref="StreamConnection"/> needs of the client's options, read once by the client.</summary>
/// <param name="Endpoint">The WebSocket endpoint.</param>
/// <param name="MaxMessageSize">The largest message accepted, in bytes.</param>
/// <param name="SubscribeErrorWindow">How long silence after a SUBSCRIBE takes to mean acceptance.</param>
/// <param name="ConnectTimeout">The bound of one handshake.</param>
/// <param name="CloseTimeout">The bound of the close handshake.</param>
/// <param name="DataSilenceTimeout">Silence that makes a connection with a ticking stream presumed dead; null for never.</param>
/// <param name="ReconnectPolicy">When to reconnect after a loss.</param>
/// <param name="RetryFirstConnect">Whether a failed connect before the first success follows the reconnect policy too.</param>
/// <param name="Recorder">Sees every message received, when set.</param>
internal sealed record ConnectionSettings(
    Uri Endpoint,
    int MaxMessageSize,
    TimeSpan SubscribeErrorWindow,
    TimeSpan ConnectTimeout,
    TimeSpan CloseTimeout,
    TimeSpan? DataSilenceTimeout,
    BackpackReconnectPolicy ReconnectPolicy,
    bool RetryFirstConnect,
    Recording.IBackpackFrameRecorder? Recorder);
