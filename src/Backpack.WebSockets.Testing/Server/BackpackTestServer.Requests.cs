using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

public sealed partial class BackpackTestServer
{
    /// <summary>Every request received, in order; guarded by <see cref="_gate"/>.</summary>
    private readonly List<ReceivedRequest> _requests = [];

    /// <summary>
    /// Set by a <see cref="MarketSimulator"/>: frames to send to a connection right after it subscribes to a stream
    /// (the open-positions snapshot of <c>account.positionUpdate</c>).
    /// </summary>
    private Func<string, IReadOnlyList<string>>? _subscribeSnapshotSource;

    /// <summary>Every request received so far (SUBSCRIBE, UNSUBSCRIBE, malformed ones too), in order of arrival.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Waits for a request matching <paramref name="predicate"/>. Requests received before the call count too, so there
    /// is no race; to wait only for later ones, compare <see cref="ReceivedRequest.Sequence"/> with <c>Requests.Count</c>
    /// taken earlier.
    /// </summary>
    /// <param name="predicate">Which request to wait for; called without the server's state lock, on whichever thread changed the state.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The first matching request.</returns>
    /// <remarks>
    /// A request is recorded in the same step as its subscription change, and before its error frame (if any) is sent:
    /// once a client has seen the error frame, or the server shows the subscription, the request is in <see cref="Requests"/>.
    /// </remarks>
    public Task<ReceivedRequest> WaitForRequestAsync(Func<ReceivedRequest, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return _monitor.WaitAsync(() => Requests.FirstOrDefault(predicate), cancellationToken);
    }

    /// <summary>Handles one whole message: parses it, acts on it, records it, then answers errors or sends snapshots.</summary>
    /// <param name="connection">The sending connection.</param>
    /// <param name="text">The text, or <see langword="null"/> for a binary message.</param>
    /// <param name="binaryLength">The size of a binary message.</param>
    /// <param name="cancellationToken">Ends with the connection.</param>
    private async Task HandleMessageAsync(ServerConnection connection, string? text, int binaryLength, CancellationToken cancellationToken)
    {
        var receivedAt = UtcNow;
        string? method = null;
        IReadOnlyList<string> parameters = [];
        var hasSignature = false;
        string? id = null;
        int? error;
        var subscribed = false;
        var partial = false;
        IReadOnlyList<string> served = [];

        // Hold the send lock while acting, so that a publish racing with a new subscription cannot overtake this
        // request's error frame or snapshot frames.
        await connection.EnterSendAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (text is null)
            {
                error = BackpackErrorCodes.InvalidRequest;
            }
            else if (!TryParse(text, out method, out var parsedParams, out var signature, out id))
            {
                // Not JSON, or no method: the real exchange answers 4002 and keeps the socket open (spec §3.4).
                error = BackpackErrorCodes.ParseError;
            }
            else
            {
                hasSignature = signature is not null;
                parameters = parsedParams ?? [];
                served = parameters;
                error = (method, parsedParams) switch
                {
                    ("SUBSCRIBE" or "UNSUBSCRIBE", null) => BackpackErrorCodes.InvalidRequest,
                    ("SUBSCRIBE", _) => ValidateSubscribe(connection, parsedParams, signature, receivedAt, out served, out partial),
                    ("UNSUBSCRIBE", _) => null,
                    _ => BackpackErrorCodes.ParseError,
                };
            }

            // The state change and the record are one step: whoever sees the subscription change also finds the
            // request, and a client that has seen the error frame finds it too.
            lock (_gate)
            {
                if ((error is null || partial) && _connections.ContainsKey(connection.Id))
                {
                    // A partial rejection subscribes the valid members and still answers the error for the others.
                    var applied = method == "SUBSCRIBE" ? SubscribeLocked(connection, served) : UnsubscribeLocked(connection, parameters);
                    error ??= applied;
                    subscribed = applied is null && method == "SUBSCRIBE";
                }

                _requests.Add(new ReceivedRequest(
                    _requests.Count,
                    connection.Id,
                    method,
                    parameters,
                    hasSignature,
                    id,
                    text ?? $"<binary message, {binaryLength} bytes>",
                    error,
                    receivedAt));
            }

            _monitor.Notify();
            if (error is { } code)
            {
                Log.RequestRejected(_logger, connection.Id, method, code);
                await connection.SendLockedAsync(Encode(JsonFrames.Error(code, ErrorMessage(code))), FragmentSize, cancellationToken).ConfigureAwait(false);
            }

            if (subscribed && Volatile.Read(ref _subscribeSnapshotSource) is { } snapshotSource)
            {
                foreach (var frame in served.Distinct().SelectMany(snapshotSource))
                {
                    await connection.SendLockedAsync(Encode(frame), FragmentSize, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            connection.ExitSend();
        }
    }

    /// <summary>Checks a SUBSCRIBE's stream names and, for private streams, its signature.</summary>
    /// <param name="connection">The sending connection.</param>
    /// <param name="streams">The requested streams.</param>
    /// <param name="signature">The request's signature array, if any.</param>
    /// <param name="now">The server's time of receipt.</param>
    /// <param name="served">
    /// The streams to subscribe: all of them, less those with an unknown symbol, which the real exchange ignores silently
    /// (spec §3.4) unless <see cref="BackpackTestServerOptions.RejectUnknownSymbols"/> is set.
    /// </param>
    /// <param name="partial">
    /// Set when the request has an error but <paramref name="served"/> is still to be subscribed
    /// (<see cref="BackpackTestServerOptions.RejectInvalidMembersOnly"/>).
    /// </param>
    /// <returns>The error code, or <see langword="null"/> if it may be applied.</returns>
    private int? ValidateSubscribe(ServerConnection connection, IReadOnlyList<string> streams, JsonElement? signature, DateTimeOffset now, out IReadOnlyList<string> served, out bool partial)
    {
        served = [];
        partial = false;
        if (streams.Count == 0)
        {
            return BackpackErrorCodes.InvalidRequest;
        }

        var checks = streams.Select(_streamNames.Check).ToList();
        int? rejection = checks.Contains(StreamCheck.UnknownType) || (_options.RejectUnknownSymbols && checks.Contains(StreamCheck.UnknownSymbol))
            ? BackpackErrorCodes.InvalidStream
            : checks.Contains(StreamCheck.InvalidDepthWindow) ? BackpackErrorCodes.InvalidDepthWindow : null;
        if (rejection is not null && !_options.RejectInvalidMembersOnly)
        {
            return rejection;
        }

        served = [.. streams.Where((_, index) => checks[index] == StreamCheck.Valid)];
        if (served.Count < streams.Count)
        {
            Log.StreamsIgnored(_logger, connection.Id, string.Join(",", streams.Where((_, index) => checks[index] != StreamCheck.Valid)));
        }

        if (streams.Any(StreamNameValidator.IsPrivate)
            && !_signatureVerifier.Verify(signature, now.ToUnixTimeMilliseconds(), out var reason))
        {
            Log.SignatureRejected(_logger, connection.Id, reason);
            served = [];
            return BackpackErrorCodes.InvalidSignature;
        }

        partial = rejection is not null;
        return rejection;
    }

    /// <summary>Subscribes a connection to every stream of a request, or to none when that would pass the stream limit; the caller holds <see cref="_gate"/>.</summary>
    /// <returns>The error code, or <see langword="null"/> on success.</returns>
    private int? SubscribeLocked(ServerConnection connection, IReadOnlyList<string> streams)
    {
        var added = streams.Distinct().Where(stream => !connection.Subscriptions.Contains(stream)).ToList();
        if (_options.MaxStreamsPerConnection is { } max && connection.Subscriptions.Count + added.Count > max)
        {
            return BackpackErrorCodes.TooManyStreams;
        }

        foreach (var stream in added)
        {
            connection.Subscriptions.Add(stream);
            AddSubscriberLocked(stream);
        }

        return null;
    }

    /// <summary>Removes streams from a connection, ignoring names it does not hold; the caller holds <see cref="_gate"/>.</summary>
    /// <returns>Always <see langword="null"/>: UNSUBSCRIBE does not fail.</returns>
    private int? UnsubscribeLocked(ServerConnection connection, IReadOnlyList<string> streams)
    {
        foreach (var stream in streams)
        {
            if (connection.Subscriptions.Remove(stream))
            {
                ReleaseSubscriberLocked(stream);
            }
        }

        return null;
    }

    /// <summary>Parses a request; <paramref name="parameters"/> is <see langword="null"/> when <c>params</c> is absent or not an array of strings.</summary>
    /// <returns><see langword="false"/> when the text is not a JSON object with a string <c>method</c>.</returns>
    private static bool TryParse(string text, out string? method, out IReadOnlyList<string>? parameters, out JsonElement? signature, out string? id)
    {
        method = null;
        parameters = null;
        signature = null;
        id = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.GetRawText();
            }

            if (root.TryGetProperty("signature", out var signatureElement))
            {
                signature = signatureElement.Clone();
            }

            if (root.TryGetProperty("params", out var paramsElement)
                && paramsElement.ValueKind == JsonValueKind.Array
                && paramsElement.EnumerateArray().All(element => element.ValueKind == JsonValueKind.String))
            {
                parameters = [.. paramsElement.EnumerateArray().Select(element => element.GetString()!)];
            }

            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            method = methodElement.GetString();
            return true;
        }
    }

    /// <summary>The message that goes with an error code.</summary>
    private static string ErrorMessage(int code) => code switch
    {
        BackpackErrorCodes.InvalidSignature => BackpackErrorCodes.InvalidSignatureMessage,
        BackpackErrorCodes.InvalidStream => BackpackErrorCodes.InvalidStreamMessage,
        BackpackErrorCodes.TooManyStreams => BackpackErrorCodes.TooManyStreamsMessage,
        BackpackErrorCodes.ParseError => BackpackErrorCodes.ParseErrorMessage,
        BackpackErrorCodes.InvalidDepthWindow => BackpackErrorCodes.InvalidDepthWindowMessage,
        _ => BackpackErrorCodes.InvalidRequestMessage,
    };

    /// <summary>Encodes a frame once for all recipients.</summary>
    private static byte[] Encode(string frame) => Encoding.UTF8.GetBytes(frame);
}
