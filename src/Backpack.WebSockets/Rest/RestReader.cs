using System.Buffers.Text;
using System.Globalization;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest;

/// <summary>
/// The stream client's REST reads: server time (for the clock sync) and depth snapshots (for order books). The one owner
/// of the HTTP client the library uses: the one it was given (from DI, say), or one it creates and disposes.
/// </summary>
internal sealed class RestReader : IDisposable
{
    private readonly Uri _restEndpoint;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient? _givenHttpClient;
    private HttpClient? _ownedHttpClient;

    public RestReader(Uri restEndpoint, TimeProvider timeProvider, HttpClient? httpClient)
    {
        _restEndpoint = restEndpoint;
        _timeProvider = timeProvider;
        _givenHttpClient = httpClient;
    }

    /// <summary>The HTTP client given at construction, if any.</summary>
    public HttpClient? GivenHttpClient => _givenHttpClient;

    /// <summary>The HTTP client: the given one, else one created on first use and disposed with this reader.</summary>
    public HttpClient HttpClient => _givenHttpClient ?? LazyInitializer.EnsureInitialized(ref _ownedHttpClient, static () => new HttpClient());

    /// <summary>
    /// Reads <c>GET /api/v1/time</c> and estimates the offset of the exchange's clock from the local one, assuming the
    /// answer was made halfway through the round trip.
    /// </summary>
    /// <exception cref="HttpRequestException">The request failed.</exception>
    /// <exception cref="FormatException">The body is not a number of milliseconds.</exception>
    public async Task<TimeSpan> GetClockOffsetAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(_restEndpoint, "api/v1/time");
        var before = _timeProvider.GetUtcNow();
        using var response = await HttpClient.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var after = _timeProvider.GetUtcNow();
        if (!TryParseServerTime(body, out var serverMilliseconds))
        {
            throw new FormatException($"{uri} did not answer with a number of milliseconds.");
        }

        var midpoint = before + ((after - before) / 2);
        return TimeSpan.FromMilliseconds(serverMilliseconds - midpoint.ToUnixTimeMilliseconds());
    }

    /// <summary><c>GET /api/v1/depth?symbol=...&amp;limit=...</c>, bounded by <paramref name="timeout"/>.</summary>
    /// <exception cref="BackpackStreamException"><see cref="BackpackStreamErrorCode.SnapshotFailed"/> for every failure but the caller's cancellation.</exception>
    public async Task<DepthSnapshot> GetDepthSnapshotAsync(string symbol, int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var streamName = "depth." + symbol;
        var uri = new Uri($"{_restEndpoint.AbsoluteUri.TrimEnd('/')}/api/v1/depth?symbol={Uri.EscapeDataString(symbol)}&limit={limit.ToString(CultureInfo.InvariantCulture)}");
        using var timeoutCts = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            using var response = await HttpClient.GetAsync(uri, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.SnapshotFailed,
                    $"The depth snapshot request for '{symbol}' failed with HTTP {status} ({response.ReasonPhrase}).",
                    streamName)
                {
                    HttpStatusCode = status,
                    RetryAfter = RetryAfterHeader.Read(response, _timeProvider),
                };
            }

            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return DepthSnapshotParser.Parse(body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot request for '{symbol}' timed out after {timeout}.", streamName, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot request for '{symbol}' failed: {ex.Message}", streamName, innerException: ex);
        }
        catch (PayloadFormatException ex)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.SnapshotFailed, $"The depth snapshot for '{symbol}' could not be read: {ex.Message}", streamName, innerException: ex);
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _ownedHttpClient, null)?.Dispose();

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
