using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>A client wired to a fake connector, a fake clock and a capturing logger.</summary>
public sealed class ClientHarness : IAsyncDisposable
{
    public ClientHarness(Action<BackpackStreamClientOptions>? configure = null)
    {
        // No markets catalog: the fake socket has no REST beside it (the catalog check has tests of its own).
        Options = new BackpackStreamClientOptions { Endpoint = new Uri("wss://fake.test"), ValidateSymbols = false };
        configure?.Invoke(Options);
        Client = new BackpackStreamClient(Microsoft.Extensions.Options.Options.Create(Options), Connector, Time, Logs);
        Client.Reconnecting += _ =>
        {
            Record("Reconnecting");
            return Task.CompletedTask;
        };
        Client.Reconnected += args =>
        {
            LastReconnected = args;
            Record("Reconnected");
            return Task.CompletedTask;
        };
        Client.Closed += ex =>
        {
            Record("Closed");
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
    private readonly List<string> _events = [];
    private readonly List<(string Name, int Count, TaskCompletionSource Signal)> _eventWaiters = [];

    /// <summary>The lifecycle events raised so far (Reconnecting, Reconnected, Closed), in order.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The data of the last <see cref="BackpackStreamClient.Reconnected"/> event.</summary>
    public BackpackReconnectedEventArgs? LastReconnected { get; private set; }

    /// <summary>Completes once the client raised the event <paramref name="name"/> <paramref name="count"/> times.</summary>
    public Task WaitForEventAsync(string name, int count = 1)
    {
        lock (_events)
        {
            if (_events.Count(e => e == name) >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _eventWaiters.Add((name, count, signal));
            return signal.Task.WaitAsync(TestTimeouts.Hang);
        }
    }

    private void Record(string name)
    {
        lock (_events)
        {
            _events.Add(name);
            foreach (var waiter in _eventWaiters.Where(w => _events.Count(e => e == w.Name) >= w.Count).ToList())
            {
                _eventWaiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }
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

    /// <summary>
    /// A client with the test key pair. Its private streams share the public socket (most tests here are about one socket);
    /// tests of the dedicated private connection turn <see cref="BackpackStreamClientOptions.DedicatedPrivateConnection"/> back on.
    /// </summary>
    public static ClientHarness WithCredentials(Action<BackpackStreamClientOptions>? configure = null) =>
        new(o =>
        {
            o.ApiKey = TestKeys.PublicKey;
            o.ApiSecret = TestKeys.SecretSeed;
            o.DedicatedPrivateConnection = false;
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
