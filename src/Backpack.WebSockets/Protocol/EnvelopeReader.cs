using System.Text.Json;

namespace Backpack.WebSockets.Protocol;

/// <summary>
/// Reads the envelope of a server frame. Frames in the exact shape the server sends, <c>{"data":{…},"stream":"…"}</c>, take
/// a fast path that cuts <c>data</c> out by the fixed prefix and the stream name found from the end, without tokenizing
/// it: the payload parser reads (and validates) <c>data</c> anyway, and tokenizing it here too cost as much as the whole
/// parse. Frames in the documented order, <c>{"stream":"…","data":{…}}</c>, take a second fast path on which
/// <see cref="Payloads.CompactPayloadScanner"/> measures <c>data</c>, a single pass several times cheaper than a
/// tokenizing one. Any other frame is read with one <see cref="Utf8JsonReader"/> pass: keys may come in any order (the
/// data slice is remembered and returned with the name) and unknown keys are skipped.
/// </summary>
/// <remarks>
/// On the first fast path the <c>data</c> slice is only known to start with <c>{</c> and end with <c>}</c>, not to be valid
/// JSON: a <see cref="Streams.PayloadParser{T}"/> must read its whole object, up to the end of the slice (every built-in
/// parser does, with the compact scanner or <see cref="Utf8JsonReader"/>), and reject what is malformed. A frame is then accepted only if it is valid
/// JSON of exactly that shape. One valid frame is cut wrongly and so rejected by the parser: an extra top-level key
/// between <c>data</c> and <c>stream</c> whose value ends in <c>}</c> (<c>{"data":{…},"x":{…},"stream":"…"}</c>); the
/// server never sends one. The second fast path returns exactly what the full reader returns for the same frame: the
/// measured <c>data</c> is valid JSON and ends right before the frame's closing brace.
/// </remarks>
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
        if (TryReadCanonical(frame, out var stream, out var data) || TryReadStreamFirst(frame, out stream, out data))
        {
            return new Envelope(stream, data);
        }

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

    /// <summary>
    /// The fast path: <c>{"data":</c>, then <c>data</c>, then <c>,"stream":"</c>, a name without quotes, escapes or control
    /// characters, and <c>"}</c> (no whitespace anywhere in the envelope). The name is found from the end, so
    /// <c>data</c> is not scanned at all here; anything else returns <see langword="false"/> and goes through the full reader.
    /// </summary>
    private static bool TryReadCanonical(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> stream, out ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> prefix = "{\"data\":{"u8;
        ReadOnlySpan<byte> separator = "},\"stream\":\""u8;
        stream = default;
        data = default;
        if (!frame.StartsWith(prefix) || !frame.EndsWith("\"}"u8))
        {
            return false;
        }

        // The name ends before the closing quote and starts after the last quote before that; the separator must precede it.
        var body = frame[..^2];
        var nameStart = body.LastIndexOf((byte)'"') + 1;
        var dataEnd = nameStart - separator.Length + 1;
        if (dataEnd < prefix.Length || !body[(dataEnd - 1)..nameStart].SequenceEqual(separator))
        {
            return false;
        }

        var name = body[nameStart..];
        if (!IsPlainName(name))
        {
            return false;
        }

        stream = name;
        data = frame[(prefix.Length - 1)..dataEnd];
        return true;
    }

    /// <summary>
    /// The fast path for the documented key order, <c>{"stream":"…","data":{…}}</c> (depth and order frames come so): the
    /// name as above, found from the front, then <c>data</c>, which the compact scanner measures (and so validates) to
    /// end exactly before the closing brace. That is a frame the full reader accepts with the same name and slice, without
    /// its tokenizing <c>data</c>, which cost as much as the whole parse; anything the scanner cannot vouch for (whitespace,
    /// escapes, non-ASCII text, deep nesting) returns <see langword="false"/> and goes through the full reader. Internal
    /// for the tests that compare it with the full reader.
    /// </summary>
    internal static bool TryReadStreamFirst(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> stream, out ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> prefix = "{\"stream\":\""u8;
        ReadOnlySpan<byte> separator = "\",\"data\":"u8;
        stream = default;
        data = default;
        if (!frame.StartsWith(prefix) || frame[^1] != (byte)'}')
        {
            return false;
        }

        var rest = frame[prefix.Length..];
        var nameEnd = rest.IndexOf((byte)'"');
        if (nameEnd < 0 || !IsPlainName(rest[..nameEnd]) || !rest[nameEnd..].StartsWith(separator))
        {
            return false;
        }

        var json = rest[(nameEnd + separator.Length)..^1];
        if (!Payloads.CompactPayloadScanner.TryMeasureObject(json, out var length) || length != json.Length)
        {
            return false;
        }

        stream = rest[..nameEnd];
        data = json;
        return true;
    }

    /// <summary>A stream name the fast paths take as is: not empty, no escapes or control characters, valid UTF-8.</summary>
    private static bool IsPlainName(ReadOnlySpan<byte> name) =>
        !name.IsEmpty && !name.Contains((byte)'\\') && name.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0
        && System.Text.Unicode.Utf8.IsValid(name);

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
