using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Backpack.WebSockets.Benchmarks.Frames;

namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>
/// The loopback sender (runs in its own process, <c>--serve &lt;count&gt;</c>): a raw <see cref="TcpListener"/> WebSocket
/// endpoint that, for each connection, waits for the client's first message (any: a SUBSCRIBE or a "go"), then pushes
/// <c>count</c> pre-serialized trade frames as fast as the socket takes them, then a Close frame. The frames are encoded
/// once, up front (plain, and deflated for a client that asks with <c>/deflate</c> in the path and offers
/// permessage-deflate), and written in large blocks, so the sender costs as little CPU as possible on a shared 2-core machine.
/// </summary>
internal static class FrameSender
{
    private const int FramesPerBlock = 1024;

    public static async Task<int> RunAsync(int count)
    {
        var frames = RecordedFrames.TradeSequence(FramesPerBlock);
        var plain = FrameBlock.Plain(frames);
        var deflated = FrameBlock.Deflated(frames);
        using var listener = StartListening();

        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            client.NoDelay = true;
            try
            {
                await ServeAsync(client.GetStream(), plain, deflated, count).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
            {
                Console.Error.WriteLine($"sender: connection ended early: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// Listens on a free loopback port, prints <c>port=N</c> for <see cref="SenderProcess"/>, and ends this process when the
    /// parent closes its standard input.
    /// </summary>
    internal static TcpListener StartListening()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine($"port={((IPEndPoint)listener.LocalEndpoint).Port}");
        Console.Out.Flush();
        _ = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }

            Environment.Exit(0);
        });
        return listener;
    }

    private static async Task ServeAsync(NetworkStream stream, FrameBlock plain, FrameBlock deflated, int count)
    {
        // The request path may carry the frame count for this connection (ws://127.0.0.1:port/20000), and "/deflate" after
        // it for compressed frames, if the client offered permessage-deflate.
        var upgrade = await AcceptUpgradeAsync(stream, acceptDeflate: static path => path.EndsWith("/deflate", StringComparison.Ordinal)).ConfigureAwait(false);
        var path = upgrade.Path.TrimStart('/').Split('/')[0];
        count = int.TryParse(path, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var requested) && requested > 0
            ? requested
            : count;
        var block = upgrade.Deflate ? deflated : plain;
        await SkipClientFrameAsync(stream).ConfigureAwait(false);

        for (var sent = 0; sent < count; sent += block.Count)
        {
            await stream.WriteAsync(block.Take(Math.Min(block.Count, count - sent))).ConfigureAwait(false);
        }

        // Close (1000), then wait for the client to hang up; whatever it sends meanwhile is discarded.
        await stream.WriteAsync(new byte[] { 0x88, 0x02, 0x03, 0xE8 }).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sink = new byte[16 * 1024];
        try
        {
            while (await stream.ReadAsync(sink, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("sender: the client did not hang up within 10 s.");
        }
    }

    /// <summary>
    /// Reads the client's upgrade request and answers 101; accepts permessage-deflate (bare, as Backpack answers: 15-bit
    /// windows, context takeover) when the client offered it and <paramref name="acceptDeflate"/> says so for the path.
    /// </summary>
    internal static async Task<(string Path, bool Deflate)> AcceptUpgradeAsync(NetworkStream stream, Func<string, bool>? acceptDeflate = null)
    {
        var buffer = new byte[8 * 1024];
        var length = 0;
        int end;
        while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false);
            if (read == 0 || (length += read) == buffer.Length)
            {
                throw new InvalidDataException("Bad WebSocket upgrade request.");
            }
        }

        var request = Encoding.ASCII.GetString(buffer, 0, end);
        var headers = request.Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToLookup(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var key = headers["Sec-WebSocket-Key"].FirstOrDefault()
            ?? throw new InvalidDataException("The upgrade request has no Sec-WebSocket-Key.");
        var path = request.Split(' ', 3) is [_, var target, _] ? target : string.Empty;
        var deflate = acceptDeflate?.Invoke(path) == true
            && headers["Sec-WebSocket-Extensions"].Any(value => value.Contains("permessage-deflate", StringComparison.OrdinalIgnoreCase));
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var extension = deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : string.Empty;
        var response = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n{extension}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response)).ConfigureAwait(false);
        return (path, deflate);
    }

    /// <summary>Reads and discards one whole client frame (masked, any length).</summary>
    private static async Task SkipClientFrameAsync(NetworkStream stream) => await ReadClientFrameAsync(stream).ConfigureAwait(false);

    /// <summary>Reads one whole client frame (masked, any length) and returns its unmasked payload.</summary>
    internal static async Task<byte[]> ReadClientFrameAsync(NetworkStream stream)
    {
        var header = new byte[8];
        await stream.ReadExactlyAsync(header.AsMemory(0, 2)).ConfigureAwait(false);
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            await stream.ReadExactlyAsync(header.AsMemory(0, 2)).ConfigureAwait(false);
            length = BinaryPrimitives.ReadUInt16BigEndian(header);
        }
        else if (length == 127)
        {
            await stream.ReadExactlyAsync(header.AsMemory(0, 8)).ConfigureAwait(false);
            length = BinaryPrimitives.ReadInt64BigEndian(header);
        }

        // Mask key (4 bytes) then the payload.
        var masked = new byte[4 + length];
        await stream.ReadExactlyAsync(masked).ConfigureAwait(false);
        var payload = new byte[length];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(masked[4 + i] ^ masked[i & 3]);
        }

        return payload;
    }
}
