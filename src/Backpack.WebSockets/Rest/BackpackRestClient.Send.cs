using System.Globalization;
using System.Net;
using System.Text;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Rest.Parsing;

namespace Backpack.WebSockets.Rest;

public partial class BackpackRestClient
{
    /// <summary>Sends <paramref name="request"/>, retrying transient failures, and parses the answer.</summary>
    /// <exception cref="BackpackStreamException">The request failed for good, or the body could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    private async Task<T> SendAsync<T>(RestRequest request, ResponseParser<T> parse, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 0; ; attempt++)
        {
            BackpackStreamException failure;
            try
            {
                return await SendOnceAsync(request, attempt, parse, cancellationToken).ConfigureAwait(false);
            }
            catch (BackpackStreamException ex)
            {
                failure = ex;
            }

            var delay = failure.IsTransient ? RetryDelayFor(attempt, failure.RetryAfter) : null;
            if (delay is null || attempt >= _options.MaxRetries)
            {
                if (failure.HttpStatusCode == 404)
                {
                    // An order that left the book or a flat position: an answer the callers expect, not a warning.
                    Log.RequestNotFound(_logger, request.Path);
                }
                else
                {
                    Log.RequestFailed(_logger, request.Path, Describe(failure));
                }

                throw failure;
            }

            Log.RequestRetrying(_logger, request.Path, Describe(failure), attempt + 1, _options.MaxRetries, delay.Value);
            await Delays.AtLeastAsync(delay.Value, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> + 1: the doubling backoff, or the server's
    /// <c>Retry-After</c> when that is longer; <see langword="null"/> when the server asks for more than <see cref="BackpackRestClientOptions.MaxRetryDelay"/>.
    /// </summary>
    private TimeSpan? RetryDelayFor(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter > _options.MaxRetryDelay)
        {
            return null;
        }

        var backoff = Delays.Doubling(_options.RetryDelay, Math.Min(attempt, 16), _options.MaxRetryDelay);

        return retryAfter > backoff ? retryAfter : backoff;
    }

    private async Task<T> SendOnceAsync<T>(RestRequest request, int attempt, ResponseParser<T> parse, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(request);
        Log.RequestSending(_logger, request.Path, attempt + 1, request.IsSigned);
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackpackStreamException(
                BackpackStreamErrorCode.RequestFailed,
                $"GET {request.Path} timed out after {_options.RequestTimeout}.",
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            // HttpRequestException messages name the host and the socket error, never the request's headers.
            throw new BackpackStreamException(
                BackpackStreamErrorCode.RequestFailed,
                $"GET {request.Path} could not be sent: {ex.Message}",
                innerException: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Log.RequestCompleted(_logger, request.Path, status);
            if (!response.IsSuccessStatusCode)
            {
                throw CreateHttpError(request, response, body);
            }

            try
            {
                return parse(body, response.Headers);
            }
            catch (PayloadFormatException ex)
            {
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.ProtocolViolation,
                    $"GET {request.Path} answered a body that could not be read: {ex.Message}",
                    innerException: ex)
                {
                    HttpStatusCode = status,
                };
            }
        }
    }

    /// <summary>Builds the HTTP request: escaped query in the order given, and for a signed read the four auth headers.</summary>
    private HttpRequestMessage CreateMessage(RestRequest request)
    {
        var query = new StringBuilder();
        foreach (var (key, value) in request.Parameters)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        var uri = new Uri(_options.RestEndpoint, request.Path + query);
        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        if (request.Instruction is { } instruction)
        {
            var signer = RequireSigner();
            var timestamp = (_timeProvider.GetUtcNow() + ClockOffset).ToUnixTimeMilliseconds();
            var window = (long)_options.SignatureWindow.TotalMilliseconds;
            var parameters = request.Parameters.Select(static p => new KeyValuePair<string, object?>(p.Key, p.Value));
            message.Headers.Add("X-API-Key", signer.PublicKeyBase64);
            message.Headers.Add("X-Signature", signer.Sign(instruction, parameters, timestamp, window));
            message.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            message.Headers.Add("X-Window", window.ToString(CultureInfo.InvariantCulture));
        }

        return message;
    }

    /// <summary>The exception for an HTTP error status: status, Backpack's code and message (or the plain text), Retry-After.</summary>
    private BackpackStreamException CreateHttpError(RestRequest request, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var (code, text) = RestErrorBody.Read(body);
        var errorCode = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? BackpackStreamErrorCode.AuthenticationFailed
            : BackpackStreamErrorCode.RequestFailed;
        var detail = (code, text) switch
        {
            (null, null) => string.Empty,
            (null, _) => $": {text}",
            (_, null) => $": {code}",
            _ => $": {code}: {text}",
        };
        return new BackpackStreamException(
            errorCode,
            $"GET {request.Path} failed with HTTP {status} ({response.ReasonPhrase ?? response.StatusCode.ToString()}){detail}")
        {
            HttpStatusCode = status,
            ApiErrorCode = code,
            RetryAfter = RetryAfterHeader.From(response.Headers.RetryAfter, _timeProvider.GetUtcNow()),
        };
    }

    /// <summary>A short reason for the log: the status and code, or the kind of failure.</summary>
    private static string Describe(BackpackStreamException failure) => failure.HttpStatusCode is { } status
        ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {failure.ApiErrorCode}").TrimEnd()
        : failure.InnerException is OperationCanceledException ? "timeout" : "transport error";
}
