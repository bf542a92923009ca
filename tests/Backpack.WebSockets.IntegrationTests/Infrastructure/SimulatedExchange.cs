using Backpack.WebSockets.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>A started server with a simulator on a fake clock, plus helpers to step in simulated time and to collect frames.</summary>
internal sealed class SimulatedExchange : IAsyncDisposable
{
    /// <summary>The fake clock's start: 2025-01-02T03:04:05Z.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private SimulatedExchange(FakeTimeProvider time, BackpackTestServer server, MarketSimulator simulator)
    {
        Time = time;
        Server = server;
        Simulator = simulator;
    }

    public FakeTimeProvider Time { get; }

    public BackpackTestServer Server { get; }

    public MarketSimulator Simulator { get; }

    public static async Task<SimulatedExchange> StartAsync(Action<MarketSimulatorOptions>? configure = null, Action<BackpackTestServerOptions>? configureServer = null)
    {
        var time = new FakeTimeProvider(Start);
        var serverOptions = new BackpackTestServerOptions { ApiPublicKey = TestKeys.PublicKey, TimeProvider = time };
        configureServer?.Invoke(serverOptions);
        var server = new BackpackTestServer(serverOptions);
        await server.StartAsync();
        var options = new MarketSimulatorOptions { Seed = 42 };
        configure?.Invoke(options);
        return new SimulatedExchange(time, server, new MarketSimulator(server, options));
    }

    /// <summary>Advances the clock by <paramref name="interval"/> before each of <paramref name="steps"/> steps.</summary>
    public async Task StepAsync(int steps, TimeSpan interval)
    {
        for (var i = 0; i < steps; i++)
        {
            Time.Advance(interval);
            await Simulator.StepAsync();
        }
    }

    /// <summary>Connects a raw socket and subscribes (unsigned for public streams, signed for private ones), waiting until the server holds every stream.</summary>
    public async Task<TestSocket> ConnectAsync(params string[] streams)
    {
        var socket = await TestSocket.ConnectAsync(Server.WebSocketUri);
        var publicStreams = streams.Where(s => !s.StartsWith("account.", StringComparison.Ordinal)).ToArray();
        var privateStreams = streams.Except(publicStreams).ToArray();
        if (publicStreams.Length > 0)
        {
            await socket.SubscribeAsync(publicStreams);
        }

        if (privateStreams.Length > 0)
        {
            await socket.SubscribeSignedAsync(TestKeys.SignSubscribe(Server.UtcNow.ToUnixTimeMilliseconds(), 5000), privateStreams);
        }

        foreach (var stream in streams)
        {
            await Server.WaitForSubscriptionAsync(stream).OrTimeout();
        }

        return socket;
    }

    /// <summary>Reads every frame sent so far: publishes a sentinel to all connections and reads up to it (the sentinel itself is dropped).</summary>
    public async Task<List<string>> DrainAsync(TestSocket socket)
    {
        await Server.PublishRawFrameAsync(Frames.Sentinel);
        var frames = await socket.ReceiveUntilAsync(Frames.IsSentinel);
        frames.RemoveAt(frames.Count - 1);
        return frames;
    }

    /// <summary>Subscribes a new socket to <paramref name="streams"/>, makes <paramref name="steps"/> steps <paramref name="interval"/> apart and returns every frame the socket received.</summary>
    public async Task<List<string>> RecordAsync(int steps, TimeSpan interval, params string[] streams)
    {
        await using var socket = await ConnectAsync(streams);
        await StepAsync(steps, interval);
        return await DrainAsync(socket);
    }

    /// <summary>Fetches <c>GET /api/v1/depth</c>.</summary>
    public async Task<string> GetDepthAsync(string symbol)
    {
        using var http = new HttpClient { BaseAddress = Server.RestUri };
        return await http.GetStringAsync($"api/v1/depth?symbol={symbol}").OrTimeout();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
