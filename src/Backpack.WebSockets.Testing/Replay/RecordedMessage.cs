namespace Backpack.WebSockets.Testing;

/// <summary>One frame or depth snapshot of a <see cref="SessionRecording"/>, in the order the client received it.</summary>
public sealed class RecordedMessage
{
    /// <summary>Creates a recorded message.</summary>
    /// <param name="kind">A frame or a depth snapshot.</param>
    /// <param name="lineNumber">The line of the recording it was read from (from 1).</param>
    /// <param name="receivedAt">When the client received it.</param>
    /// <param name="connectionId">The client's connection, for a frame.</param>
    /// <param name="symbol">The market, for a depth snapshot.</param>
    /// <param name="stream">The frame's <c>stream</c> field, when it has one.</param>
    /// <param name="text">The frame's text or the snapshot's body, as received.</param>
    internal RecordedMessage(RecordedMessageKind kind, int lineNumber, DateTimeOffset receivedAt, int? connectionId, string? symbol, string? stream, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Kind = kind;
        LineNumber = lineNumber;
        ReceivedAt = receivedAt;
        ConnectionId = connectionId;
        Symbol = symbol;
        Stream = stream;
        Text = text;
    }

    /// <summary>A frame or a depth snapshot.</summary>
    public RecordedMessageKind Kind { get; }

    /// <summary>The line of the recording it was read from (from 1), for error messages.</summary>
    public int LineNumber { get; }

    /// <summary>When the client received it.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The client's connection id, for a frame; <see langword="null"/> for a depth snapshot.</summary>
    public int? ConnectionId { get; }

    /// <summary>The market of a depth snapshot; <see langword="null"/> for a frame.</summary>
    public string? Symbol { get; }

    /// <summary>The frame's <c>stream</c> (e.g. <c>depth.SOL_USDC</c>); <see langword="null"/> for snapshots and for frames without one (error answers, malformed text).</summary>
    public string? Stream { get; }

    /// <summary>The frame's whole text or the snapshot's body.</summary>
    public string Text { get; }
}
