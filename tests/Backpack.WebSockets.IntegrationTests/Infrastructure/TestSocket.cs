using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>A raw <see cref="ClientWebSocket"/> with helpers to send requests and read whole messages, each read bounded by <see cref="TestTimeouts.Hang"/>.</summary>
internal sealed class TestSocket : IAsyncDisposable
{
    private TestSocket(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    public static async Task<TestSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).OrTimeout();
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TestSocket(socket);
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).OrTimeout();

    public Task SubscribeAsync(params string[] streams) => SendTextAsync(Request("SUBSCRIBE", streams));

    public Task SubscribeSignedAsync(string[] signature, params string[] streams) => SendTextAsync(Request("SUBSCRIBE", streams, signature));

    public Task UnsubscribeAsync(params string[] streams) => SendTextAsync(Request("UNSUBSCRIBE", streams));

    public static string Request(string method, string[] streams, string[]? signature = null) =>
        signature is null
            ? JsonSerializer.Serialize(new { method, @params = streams })
            : JsonSerializer.Serialize(new { method, @params = streams, signature });

    /// <summary>Reads one whole message (reassembling fragments).</summary>
    public async Task<ReceivedMessage> ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var fragments = 0;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await Socket.ReceiveAsync(memory, CancellationToken.None).AsTask().OrTimeout();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new ReceivedMessage(null, fragments, Socket.CloseStatus, Socket.CloseStatusDescription);
            }

            buffer.Advance(result.Count);
            fragments++;
            if (result.EndOfMessage)
            {
                return new ReceivedMessage(Encoding.UTF8.GetString(buffer.WrittenSpan), fragments, null, null);
            }
        }
    }

    /// <summary>Reads one whole text message; fails on Close.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var message = await ReceiveAsync();
        return message.Text ?? throw new InvalidOperationException($"Expected a text message, got Close {message.CloseStatus} '{message.CloseDescription}'.");
    }

    /// <summary>Reads one message and parses it.</summary>
    public async Task<JsonElement> ReceiveJsonAsync()
    {
        using var document = JsonDocument.Parse(await ReceiveTextAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Reads messages up to and including the first for which <paramref name="isLast"/> holds.</summary>
    public async Task<List<string>> ReceiveUntilAsync(Func<string, bool> isLast)
    {
        var messages = new List<string>();
        while (true)
        {
            var text = await ReceiveTextAsync();
            messages.Add(text);
            if (isLast(text))
            {
                return messages;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TestTimeouts.Hang);
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        Socket.Dispose();
    }
}

/// <summary>A whole message: text (or <see langword="null"/> for Close), the number of fragments it came in, and the close status.</summary>
internal sealed record ReceivedMessage(string? Text, int Fragments, WebSocketCloseStatus? CloseStatus, string? CloseDescription);
