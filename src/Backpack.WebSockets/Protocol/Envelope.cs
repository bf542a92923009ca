namespace Backpack.WebSockets.Protocol;

/// <summary>
/// One server frame split into its parts without copying: the stream name (unescaped, as UTF-8) and the raw bytes of
/// <c>data</c>, or the error of an error frame.
/// </summary>
internal readonly ref struct Envelope
{
    public Envelope(ReadOnlySpan<byte> streamName, ReadOnlySpan<byte> data)
    {
        Kind = EnvelopeKind.Data;
        StreamName = streamName;
        Data = data;
        ErrorCode = 0;
        ErrorMessage = null;
    }

    public Envelope(int errorCode, string? errorMessage)
    {
        Kind = EnvelopeKind.Error;
        StreamName = default;
        Data = default;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    public EnvelopeKind Kind { get; }

    /// <summary>The stream name's UTF-8 bytes (already unescaped).</summary>
    public ReadOnlySpan<byte> StreamName { get; }

    /// <summary>The <c>data</c> value, from its first to its last byte.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The server's error code, for <see cref="EnvelopeKind.Error"/>.</summary>
    public int ErrorCode { get; }

    /// <summary>The server's error message, for <see cref="EnvelopeKind.Error"/>.</summary>
    public string? ErrorMessage { get; }
}
