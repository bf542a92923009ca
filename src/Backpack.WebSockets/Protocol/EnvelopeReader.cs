using System.Text.Json;

namespace Backpack.WebSockets.Protocol;

/// <summary>
/// Reads the envelope of a server frame with one <see cref="Utf8JsonReader"/> pass. Keys may come in any order (the wire
/// sends <c>data</c> before <c>stream</c>, so the data slice is remembered and returned with the name); unknown keys are
/// skipped.
/// </summary>
internal static class EnvelopeReader
{
    /// <summary>The longest stream name that is unescaped on the stack; longer escaped names are rejected.</summary>
    public const int MaxStreamNameBytes = 256;

    /// <summary>Reads <paramref name="frame"/>.</summary>
    /// <param name="frame">The whole message.</param>
    /// <param name="nameBuffer">Scratch space for a stream name that was sent with JSON escapes (rare).</param>
    /// <returns>The envelope; its spans point into <paramref name="frame"/> or <paramref name="nameBuffer"/>.</returns>
    /// <exception cref="PayloadFormatException">The frame is neither a data frame nor an error frame.</exception>
    public static Envelope Read(ReadOnlySpan<byte> frame, Span<byte> nameBuffer)
    {
        try
        {
            return ReadCore(frame, nameBuffer);
        }
        catch (JsonException ex)
        {
            throw new PayloadFormatException($"The frame is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new PayloadFormatException($"The frame has an unexpected shape: {ex.Message}", ex);
        }
    }

    private static Envelope ReadCore(ReadOnlySpan<byte> frame, Span<byte> nameBuffer)
    {
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new PayloadFormatException("A frame must be a JSON object.");
        }

        ReadOnlySpan<byte> stream = default;
        ReadOnlySpan<byte> data = default;
        bool hasStream = false, hasData = false, hasError = false;
        int errorCode = 0;
        string? errorMessage = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new PayloadFormatException("'data' must be a JSON object.");
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                data = frame[start..(int)reader.BytesConsumed];
                hasData = true;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new PayloadFormatException("'stream' must be a string.");
                }

                if (!reader.ValueIsEscaped)
                {
                    // The reader does not validate string contents; a name must be valid UTF-8 to be routed.
                    stream = reader.ValueSpan;
                    if (!System.Text.Unicode.Utf8.IsValid(stream))
                    {
                        throw new PayloadFormatException("'stream' is not valid UTF-8.");
                    }
                }
                else
                {
                    if (reader.ValueSpan.Length > nameBuffer.Length)
                    {
                        throw new PayloadFormatException("'stream' is too long.");
                    }

                    var written = reader.CopyString(nameBuffer);
                    stream = nameBuffer[..written];
                }

                hasStream = true;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    (errorCode, errorMessage) = ReadError(ref reader);
                    hasError = true;
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (hasStream && hasData)
        {
            return new Envelope(stream, data);
        }

        if (hasError)
        {
            return new Envelope(errorCode, errorMessage);
        }

        throw new PayloadFormatException(hasStream || hasData
            ? "A data frame needs both 'stream' and 'data'."
            : "The frame has neither 'stream'/'data' nor 'error'.");
    }

    private static (int Code, string? Message) ReadError(ref Utf8JsonReader reader)
    {
        int code = 0;
        string? message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType switch
                {
                    JsonTokenType.Number when reader.TryGetInt32(out var n) => n,
                    JsonTokenType.String when int.TryParse(reader.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                    _ => 0,
                };
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (code, message);
    }
}
