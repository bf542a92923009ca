using System.Net.WebSockets;
using System.Text;
using Backpack.WebSockets.Tests.Fakes;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Tests.Transport;

public class WebSocketMessageReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16 * 1024)]
    public async Task ReadAsync_FragmentedMessage_ReturnsItWhole(int fragmentSize)
    {
        var connection = new FakeWebSocketConnection();
        var message = "{\"pad\":\"" + new string('a', 40_000) + "\"}";
        connection.PushFragmented(message, fragmentSize);
        connection.PushText("{\"next\":1}");
        using var reader = new WebSocketMessageReader(connection, 1024 * 1024);

        Assert.Equal(ReceivedMessageKind.Message, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(message, Encoding.UTF8.GetString(reader.Message.Span));
        Assert.Equal(ReceivedMessageKind.Message, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal("{\"next\":1}", Encoding.UTF8.GetString(reader.Message.Span));
    }

    [Fact]
    public async Task ReadAsync_MessageOfExactlyTheMaximum_IsAccepted()
    {
        var connection = new FakeWebSocketConnection();
        connection.PushText(new string('b', 3000));
        using var reader = new WebSocketMessageReader(connection, 3000);

        Assert.Equal(ReceivedMessageKind.Message, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(3000, reader.Message.Length);
    }

    [Theory]
    [InlineData(3001, 3001)]
    [InlineData(3001, 100)]
    [InlineData(50_000, 1000)]
    public async Task ReadAsync_MessageOverTheMaximum_ThrowsWithoutBufferingIt(int size, int fragmentSize)
    {
        var connection = new FakeWebSocketConnection();
        connection.PushFragmented(new string('c', size), fragmentSize);
        using var reader = new WebSocketMessageReader(connection, 3000);

        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() => reader.ReadAsync(CancellationToken.None).AsTask());
        Assert.Equal(3000, error.MaxMessageSize);
    }

    [Fact]
    public async Task ReadAsync_CloseFrame_ReturnsClose()
    {
        var connection = new FakeWebSocketConnection();
        connection.PushClose(WebSocketCloseStatus.EndpointUnavailable, "bye");
        using var reader = new WebSocketMessageReader(connection, 4096);

        Assert.Equal(ReceivedMessageKind.Close, await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, connection.CloseStatus);
    }
}
