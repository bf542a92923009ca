namespace Backpack.WebSockets.Testing;

/// <summary>A message that a <see cref="BackpackTestServer"/> received from a client, as parsed by the server.</summary>
/// <remarks>
/// Recorded in the same step as the subscription change it causes and before any error frame it causes is sent, so a
/// waiter that sees the record also sees the subscriptions, and a client that saw the error frame finds the record.
/// </remarks>
public sealed class ReceivedRequest
{
    /// <summary>Creates a record of a received request.</summary>
    /// <param name="sequence">The position of this request among all requests the server received, from 0.</param>
    /// <param name="connectionId">The connection that sent it.</param>
    /// <param name="method">The <c>method</c> value, or <see langword="null"/> if there was none.</param>
    /// <param name="params">The <c>params</c> strings.</param>
    /// <param name="hasSignature">Whether a <c>signature</c> property was present.</param>
    /// <param name="id">The raw JSON of the <c>id</c> property, or <see langword="null"/> if there was none.</param>
    /// <param name="rawText">The whole message text.</param>
    /// <param name="errorCode">The code of the error frame the server answered with, or <see langword="null"/> if it accepted silently.</param>
    /// <param name="receivedAt">The server time at which it was received.</param>
    public ReceivedRequest(
        long sequence,
        long connectionId,
        string? method,
        IReadOnlyList<string> @params,
        bool hasSignature,
        string? id,
        string rawText,
        int? errorCode,
        DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(@params);
        ArgumentNullException.ThrowIfNull(rawText);
        Sequence = sequence;
        ConnectionId = connectionId;
        Method = method;
        Params = @params;
        HasSignature = hasSignature;
        Id = id;
        RawText = rawText;
        ErrorCode = errorCode;
        ReceivedAt = receivedAt;
    }

    /// <summary>The position of this request among all requests the server received, from 0. Use it to wait only for later requests.</summary>
    public long Sequence { get; }

    /// <summary>The connection that sent it (connections are numbered from 1 in the order they were accepted).</summary>
    public long ConnectionId { get; }

    /// <summary>The <c>method</c> value as sent (<c>SUBSCRIBE</c>, <c>UNSUBSCRIBE</c>, anything else), or <see langword="null"/> if the message had none or was not JSON.</summary>
    public string? Method { get; }

    /// <summary>The <c>params</c> strings; empty when absent or malformed.</summary>
    public IReadOnlyList<string> Params { get; }

    /// <summary>Whether the message carried a <c>signature</c> property (valid or not).</summary>
    public bool HasSignature { get; }

    /// <summary>The raw JSON of the optional <c>id</c> property (for example <c>2</c> or <c>"a"</c>), or <see langword="null"/> if absent.</summary>
    public string? Id { get; }

    /// <summary>The whole message text as received.</summary>
    public string RawText { get; }

    /// <summary>The code of the error frame the server answered with (see <see cref="BackpackErrorCodes"/>), or <see langword="null"/> if it accepted the request silently.</summary>
    public int? ErrorCode { get; }

    /// <summary>The server time (<see cref="BackpackTestServer.UtcNow"/>) at which the request was received.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Whether the request is a SUBSCRIBE naming <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream name.</param>
    /// <returns><see langword="true"/> if it is.</returns>
    public bool IsSubscribe(string stream) => Method == "SUBSCRIBE" && Params.Contains(stream);

    /// <summary>Whether the request is an UNSUBSCRIBE naming <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream name.</param>
    /// <returns><see langword="true"/> if it is.</returns>
    public bool IsUnsubscribe(string stream) => Method == "UNSUBSCRIBE" && Params.Contains(stream);

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} conn {ConnectionId}: {RawText}";
}
