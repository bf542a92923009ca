using System.Buffers.Text;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>The signature timestamp: the local clock plus the estimated offset of the exchange's clock.</summary>
    private long GetSignatureTimestamp() =>
        _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _clockOffsetMilliseconds);

    /// <summary>
    /// Estimates the exchange's clock offset from <c>GET {RestEndpoint}/api/v1/time</c> (plain milliseconds since the epoch),
    /// assuming the answer was made halfway through the round trip. A failure is logged and the last offset kept.
    /// </summary>
    private async Task SynchronizeClockAsync(CancellationToken cancellationToken)
    {
        var http = HttpClient ?? LazyInitializer.EnsureInitialized(ref _ownedHttpClient, static () => new HttpClient());
        var uri = new Uri(_options.RestEndpoint, "api/v1/time");
        try
        {
            var before = _timeProvider.GetUtcNow();
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var after = _timeProvider.GetUtcNow();
            if (!TryParseServerTime(body, out var serverMilliseconds))
            {
                throw new FormatException($"{uri} did not answer with a number of milliseconds.");
            }

            var midpoint = before + ((after - before) / 2);
            var offset = serverMilliseconds - midpoint.ToUnixTimeMilliseconds();
            Interlocked.Exchange(ref _clockOffsetMilliseconds, offset);
            Log.ClockSynchronized(_logger, offset);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ClockSynchronizationFailed(_logger, uri, ex);
        }
    }

    /// <summary>Reads a server time body: an integer, optionally in quotes or surrounded by whitespace.</summary>
    internal static bool TryParseServerTime(ReadOnlySpan<byte> body, out long milliseconds)
    {
        body = body.Trim(" \t\r\n"u8);
        if (body.Length >= 2 && body[0] == (byte)'"' && body[^1] == (byte)'"')
        {
            body = body[1..^1];
        }

        return Utf8Parser.TryParse(body, out milliseconds, out var consumed) && consumed == body.Length && body.Length > 0;
    }
}
