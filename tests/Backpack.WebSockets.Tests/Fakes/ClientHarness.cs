using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>A client wired to a fake connector, a fake clock and a capturing logger.</summary>
public sealed class ClientHarness : IAsyncDisposable
{
    public ClientHarness(Action<BackpackStreamClientOptions>? configure = null)
    {
        Options = new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test") };
        configure?.Invoke(Options);
        Client = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(Options), Connector, Time, Logs);
        Client.Closed += ex =>
        {
            lock (_closed)
            {
                _closed.Add(ex);
                foreach (var waiter in _closedWaiters)
                {
                    waiter.TrySetResult();
                }

                _closedWaiters.Clear();
            }

            return Task.CompletedTask;
        };
    }

    private readonly List<Exception?> _closed = [];
    private readonly List<TaskCompletionSource> _closedWaiters = [];

    /// <summary>Completes once the client raised <see cref="BackpackStreamClient.Closed"/> <paramref name="count"/> times.</summary>
    public Task WaitForClosedAsync(int count = 1)
    {
        lock (_closed)
        {
            if (_closed.Count >= count)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _closedWaiters.Add(waiter);
            return waiter.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    public BackpackStreamClientOptions Options { get; }

    public FakeWebSocketConnector Connector { get; } = new();

    public ObservableTimeProvider Time { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public BackpackStreamClient Client { get; }

    public FakeWebSocketConnection Connection => Connector.Current;

    public static ClientHarness WithCredentials(Action<BackpackStreamClientOptions>? configure = null) =>
        new(o =>
        {
            o.ApiKey = TestKeys.PublicKey;
            o.ApiSecret = TestKeys.Secret;
            configure?.Invoke(o);
        });

    /// <summary>Subscribes and confirms the subscription with a first data frame; returns the subscription and the request sent.</summary>
    public async Task<(BackpackSubscription<string> Subscription, JsonElement Request)> SubscribeConfirmedAsync(string stream, string firstData = "{\"n\":0}")
    {
        var pending = Client.SubscribeAsync(TestStreams.Raw(stream));
        var request = await ReadRequestAsync();
        Connection.PushText(TestStreams.Frame(stream, firstData));
        return (await pending.OrTimeout(), request);
    }

    /// <summary>Waits for the next request the client sends and parses it.</summary>
    public async Task<JsonElement> ReadRequestAsync()
    {
        // The fake connector completes synchronously, so a subscribe that was started has already connected.
        Assert.NotEmpty(Connector.Connections);
        var text = await Connection.ReadSentAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
