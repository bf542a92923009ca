using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Transport;

namespace Backpack.StreamViewer.Tests.Recording;

public sealed class RecordingConnectionTests
{
    [Fact]
    public async Task ReceiveAsync_MessageInSeveralReads_IsRecordedOnceWholeWithItsConnection()
    {
        var inner = new ScriptedConnection(("{\"data\":", false), ("{},\"stream\":", false), ("\"trade.SOL_USDC\"}", true), ("{}", true));
        var recorder = new ListRecorder();
        var connection = new RecordingConnection(inner, id: 3, recorder, TimeProvider.System);
        var buffer = new byte[64];

        for (var i = 0; i < 4; i++)
        {
            await connection.ReceiveAsync(buffer, CancellationToken.None);
        }

        Assert.Equal([(3, "{\"data\":{},\"stream\":\"trade.SOL_USDC\"}"), (3, "{}")], recorder.Frames);
    }

    [Fact]
    public async Task ReceiveAsync_CloseFrame_IsNotRecorded()
    {
        var recorder = new ListRecorder();
        var connection = new RecordingConnection(new ScriptedConnection(), id: 1, recorder, TimeProvider.System);

        var result = await connection.ReceiveAsync(new byte[16], CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Empty(recorder.Frames);
    }

    private sealed class ListRecorder : IBackpackFrameRecorder
    {
        public List<(int Connection, string Text)> Frames { get; } = [];

        public void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt) => Frames.Add((connectionId, Encoding.UTF8.GetString(utf8Frame)));

        public void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
        {
        }
    }

    /// <summary>Returns the scripted parts one read at a time, then a Close frame.</summary>
    private sealed class ScriptedConnection(params (string Text, bool End)[] parts) : IWebSocketConnection
    {
        private int _next;

        public WebSocketCloseStatus? CloseStatus => null;

        public string? CloseStatusDescription => null;

        public ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (_next >= parts.Length)
            {
                return ValueTask.FromResult(new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true));
            }

            var (text, end) = parts[_next++];
            var count = Encoding.UTF8.GetBytes(text, buffer.Span);
            return ValueTask.FromResult(new ValueWebSocketReceiveResult(count, WebSocketMessageType.Text, end));
        }

        public ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
