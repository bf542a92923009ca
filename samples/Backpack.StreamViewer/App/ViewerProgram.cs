using System.Runtime.InteropServices;
using Backpack.Samples;
using Backpack.WebSockets;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.OrderBook;
using Backpack.WebSockets.Recording;
using Backpack.WebSockets.Testing;
using Backpack.WebSockets.Transport;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Backpack.StreamViewer;

/// <summary>The viewer once its command line is parsed: credentials, exchange (real, simulated or replayed), recording, client, screen.</summary>
internal static class ViewerProgram
{
    /// <summary>Runs the viewer. Exit codes: 0 done (duration elapsed, q or Ctrl+C), 1 runtime failure, 2 bad arguments, credentials or recording.</summary>
    public static async Task<int> RunAsync(ViewerArguments arguments)
    {
        SessionRecording? replay = null;
        if (arguments.ReplayPath is { } replayPath)
        {
            try
            {
                replay = SessionRecording.Load(replayPath, allowIncomplete: true);
            }
            catch (Exception ex) when (ex is RecordingFormatException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot replay '{replayPath}': {ex.Message}").ConfigureAwait(false);
                return SampleCommandLine.UsageError;
            }
        }

        var symbols = arguments.Symbols.Count > 0 ? arguments.Symbols : MarketsOf(replay);
        if (symbols.Count == 0)
        {
            await Console.Error.WriteLineAsync($"error: '{arguments.ReplayPath}' holds no market stream; name one with --symbol.").ConfigureAwait(false);
            return SampleCommandLine.UsageError;
        }

        // Why no credentials in a replay: the recording's account events, if any, were signed for another server.
        var credentials = replay is null ? ApiCredentials.Load() : null;
        string? publicKey = null;
        if (credentials is not null)
        {
            try
            {
                // Why derive: the simulated exchange must know which key to accept, and it is the key the client will sign with.
                using var signer = Ed25519Signer.FromBase64SecretKey(credentials.ApiSecret);
                publicKey = signer.PublicKeyBase64;
            }
            catch (ArgumentException)
            {
                // Why no exception text: keep anything derived from the secret off the screen.
                await Console.Error.WriteLineAsync("error: BACKPACK_API_SECRET is not a base64 Ed25519 secret (32-byte seed or 64-byte seed+public key).").ConfigureAwait(false);
                return SampleCommandLine.UsageError;
            }
        }

        BackpackSessionRecorder? recorder = null;
        if (arguments.RecordPath is { } recordPath)
        {
            try
            {
                recorder = BackpackSessionRecorder.Create(recordPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot write --record file '{recordPath}': {ex.Message}").ConfigureAwait(false);
                return SampleCommandLine.UsageError;
            }
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // Why: let the await using blocks close the socket and the server instead of killing the process.
            cts.Cancel();
        };
        // Why SIGTERM too: `kill` and container stops should close the socket and the server as cleanly as Ctrl+C.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cts.Cancel();
        });
        if (arguments.Duration is { } duration)
        {
            cts.CancelAfter(duration);
        }

        try
        {
            return await RunAsync(arguments, symbols, replay, credentials, publicKey, recorder, cts).ConfigureAwait(false);
        }
        finally
        {
            // Why after the client: its receive loops are stopped, so the end line is the last.
            recorder?.Dispose();
        }
    }

    private static async Task<int> RunAsync(
        ViewerArguments arguments,
        IReadOnlyList<string> symbols,
        SessionRecording? replay,
        ApiCredentials? credentials,
        string? publicKey,
        BackpackSessionRecorder? recorder,
        CancellationTokenSource cts)
    {
        var ct = cts.Token;
        var onTerminal = !Console.IsOutputRedirected;
        ViewerState? state = null;
        try
        {
            var streams = symbols.SelectMany(symbol => new[] { BackpackStreams.Depth(symbol).Name, BackpackStreams.Trades(symbol).Name }).ToArray();
            await using var simulated = arguments.Simulate ? await SimulatedExchangeHost.StartAsync(publicKey, ct).ConfigureAwait(false) : null;
            await using var replayed = replay is null
                ? null
                : await ReplayExchangeHost.StartAsync(replay, arguments.Speed, streams, message => Report(state, message), ct).ConfigureAwait(false);

            var options = new BackpackStreamClientOptions();
            if ((simulated?.WebSocketUri ?? replayed?.WebSocketUri) is { } endpoint)
            {
                options.Endpoint = endpoint;
                options.RestEndpoint = simulated?.RestUri ?? replayed!.RestUri;
            }

            if (credentials is not null)
            {
                options.ApiKey = credentials.ApiKey;
                options.ApiSecret = credentials.ApiSecret;
            }

            // Why a wrapped connector and HTTP handler rather than options.FrameRecorder: they see every frame and snapshot
            // without any change to the client's receive loop.
            var tap = new FrameTap(recorder);
            var time = TimeProvider.System;
            using var http = new HttpClient(new SnapshotRecordingHandler(tap, time, new SocketsHttpHandler()));
            await using var client = new BackpackStreamClient(
                Options.Create(options),
                connector: new RecordingConnector(new ClientWebSocketConnector(options.ToConnectorOptions()), tap, time),
                timeProvider: time,
                httpClient: http);

            // Why the library's book: it buffers depth, fetches REST snapshots until one covers the stream, and resyncs on any gap.
            var symbolStates = symbols.Select(symbol => new SymbolState(new BackpackOrderBook(client, symbol))).ToList();
            try
            {
                var source = replay is not null ? $"replay of {Path.GetFileName(arguments.ReplayPath)} at {SpeedText(arguments.Speed)}"
                    : simulated is not null ? "simulated exchange" : options.Endpoint.Host;
                state = new ViewerState(
                    source,
                    symbolStates,
                    showsOrders: credentials is not null,
                    showsLatency: replay is null,
                    connections: () => ClientConnections.From(client),
                    messages: () => tap.FrameCount)
                {
                    Recording = recorder is null ? null : () => $"{arguments.RecordPath}: {recorder.FrameCount:N0} frames, {recorder.DepthSnapshotCount} depth snapshots",
                };
                ClientEvents.Attach(client, state);

                var screenState = state;
                Func<CancellationToken, Task> screen = onTerminal
                    ? new LiveDashboard(screenState, AnsiConsole.Console, cts.Cancel).RunAsync
                    : new PlainOutput(screenState, () => client.State, Console.Out).RunAsync;
                await new StreamViewerApp(client, state, screen).RunAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                foreach (var symbol in symbolStates)
                {
                    await symbol.Book.DisposeAsync().ConfigureAwait(false);
                }
            }

            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (BackpackStreamException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.ErrorCode}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (ArgumentException ex)
        {
            // Why: the client rejects a BACKPACK_API_KEY that does not match the secret; the message never holds the secret.
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return SampleCommandLine.UsageError;
        }
    }

    /// <summary>The markets a recording has book or trade streams of, in order of appearance.</summary>
    private static IReadOnlyList<string> MarketsOf(SessionRecording? recording) =>
        recording is null
            ? []
            : [.. recording.Streams
                .Where(stream => stream.StartsWith("depth.", StringComparison.Ordinal) || stream.StartsWith("trade.", StringComparison.Ordinal))
                .Select(stream => stream[(stream.IndexOf('.', StringComparison.Ordinal) + 1)..])
                .Distinct(StringComparer.Ordinal)];

    private static string SpeedText(double speed) => double.IsPositiveInfinity(speed) ? "full speed" : $"{speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}x";

    private static void Report(ViewerState? state, string message)
    {
        if (state is not null)
        {
            state.Status = message;
        }
    }
}
