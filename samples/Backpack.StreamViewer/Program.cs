using System.Runtime.InteropServices;
using Backpack.Samples;
using Backpack.StreamViewer;
using Backpack.WebSockets;
using Backpack.WebSockets.Authentication;
using Backpack.WebSockets.OrderBook;

// Exit codes: 0 done (duration elapsed or Ctrl+C), 1 runtime failure, 2 bad arguments or credentials.
var arguments = SampleArguments.Parse(args, out var error);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"error: {error}\nRun with --help for usage.").ConfigureAwait(false);
    return 2;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(ViewerUsage.Text);
    return 0;
}

var credentials = ApiCredentials.Load();
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
        return 2;
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

var ct = cts.Token;
var renderer = default(ConsoleRenderer);
try
{
    await using var exchange = arguments.Simulate ? await SimulatedExchangeHost.StartAsync(publicKey, ct).ConfigureAwait(false) : null;
    var options = new BackpackStreamClientOptions();
    if (exchange is not null)
    {
        options.Endpoint = exchange.WebSocketUri;
        options.RestEndpoint = exchange.RestUri;
    }

    if (credentials is not null)
    {
        options.ApiKey = credentials.ApiKey;
        options.ApiSecret = credentials.ApiSecret;
    }

    await using var client = new BackpackStreamClient(options);

    // Why the library's book: it buffers depth, fetches REST snapshots until one covers the stream, and resyncs on any gap.
    await using var book = new BackpackOrderBook(client, arguments.Symbol);
    var state = new ViewerState(book, showsOrders: credentials is not null);
    renderer = new ConsoleRenderer(state, () => client.State, Console.Out, inPlace: !Console.IsOutputRedirected);
    renderer.Begin();
    await new StreamViewerApp(client, state, renderer).RunAsync(ct).ConfigureAwait(false);
    return 0;
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    return 0;
}
catch (BackpackStreamException ex)
{
    renderer?.End();
    renderer = null;
    await Console.Error.WriteLineAsync($"error: {ex.ErrorCode}: {ex.Message}").ConfigureAwait(false);
    return 1;
}
catch (ArgumentException ex)
{
    // Why: the client rejects a BACKPACK_API_KEY that does not match the secret; the message never holds the secret.
    renderer?.End();
    renderer = null;
    await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
    return 2;
}
finally
{
    renderer?.End();
}
