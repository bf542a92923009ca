using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Parses the JSON-lines recording format line by line. Every problem is a <see cref="RecordingFormatException"/> that
/// names its line; reading is synchronous and ends at the end of the stream, so a bad file never hangs a test.
/// </summary>
internal static class RecordingReader
{
    /// <summary>The format version this reader understands.</summary>
    private const int SupportedVersion = 1;

    public static SessionRecording Read(Stream stream, bool allowIncomplete)
    {
        using var content = Decompressed(stream);
        using var reader = new StreamReader(content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var messages = new List<RecordedMessage>();
        DateTimeOffset? startedAt = null;
        var lineNumber = 0;
        var ended = false;
        while (true)
        {
            string? line;
            bool isLast;
            try
            {
                line = reader.ReadLine();
                isLast = line is not null && reader.Peek() < 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException or EndOfStreamException)
            {
                throw new RecordingFormatException(lineNumber + 1, $"the content cannot be read ({ex.Message}); the file is corrupt or cut off", ex);
            }

            if (line is null)
            {
                break;
            }

            lineNumber++;
            if (ended)
            {
                throw new RecordingFormatException(lineNumber, "there is more after the end line");
            }

            using var document = Parse(line, lineNumber, isLast);
            var root = document.RootElement;
            var type = RequiredString(root, "type", lineNumber);
            if (lineNumber == 1)
            {
                startedAt = ReadHeader(root, type, lineNumber);
                continue;
            }

            switch (type)
            {
                case "frame":
                    var text = RequiredString(root, "text", lineNumber);
                    messages.Add(new RecordedMessage(
                        RecordedMessageKind.Frame,
                        lineNumber,
                        RequiredTime(root, lineNumber),
                        RequiredInt(root, "connection", lineNumber),
                        symbol: null,
                        StreamOf(text),
                        text));
                    break;
                case "depthSnapshot":
                    messages.Add(new RecordedMessage(
                        RecordedMessageKind.DepthSnapshot,
                        lineNumber,
                        RequiredTime(root, lineNumber),
                        connectionId: null,
                        RequiredString(root, "symbol", lineNumber),
                        stream: null,
                        RequiredString(root, "body", lineNumber)));
                    break;
                case "end":
                    CheckCounts(root, messages, lineNumber);
                    ended = true;
                    break;
                default:
                    throw new RecordingFormatException(lineNumber, $"unknown line type '{type}' (expected frame, depthSnapshot or end)");
            }
        }

        if (startedAt is null)
        {
            throw new RecordingFormatException(1, "the recording is empty (no header line)");
        }

        if (!ended && !allowIncomplete)
        {
            throw new RecordingFormatException(
                lineNumber,
                "the recording stops here without its end line: it was cut off or the recorder was never disposed (load it with allowIncomplete to replay what it holds)");
        }

        return new SessionRecording(startedAt.Value, messages, ended);
    }

    /// <summary>The content itself, or a gzip reader over it when it starts with the gzip magic bytes.</summary>
    private static Stream Decompressed(Stream stream)
    {
        var buffered = new BufferedStream(stream);
        Span<byte> magic = stackalloc byte[2];
        var read = buffered.Read(magic);
        var isGzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;

        // Why a prefix stream: BufferedStream cannot seek back on a non-seekable input.
        var prefixed = new PrefixedStream(magic[..read].ToArray(), buffered);
        return isGzip ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
    }

    private static JsonDocument Parse(string line, int lineNumber, bool isLast)
    {
        if (line.Length == 0)
        {
            throw new RecordingFormatException(lineNumber, "the line is empty");
        }

        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            var what = isLast
                ? "the line is incomplete JSON: the recording was cut off inside it"
                : $"the line is not valid JSON ({ex.Message})";
            throw new RecordingFormatException(lineNumber, what, ex);
        }
    }

    private static DateTimeOffset ReadHeader(JsonElement root, string type, int lineNumber)
    {
        if (type != "recording")
        {
            throw new RecordingFormatException(lineNumber, $"this is not a recording: the first line must be the header {{\"type\":\"recording\",...}}, not type '{type}'");
        }

        var version = RequiredInt(root, "version", lineNumber);
        if (version != SupportedVersion)
        {
            throw new RecordingFormatException(lineNumber, $"version {version} is not supported (this reader reads version {SupportedVersion})");
        }

        return RequiredTime(root, lineNumber, "startedAt");
    }

    private static void CheckCounts(JsonElement root, List<RecordedMessage> messages, int lineNumber)
    {
        var frames = RequiredInt(root, "frames", lineNumber);
        var snapshots = RequiredInt(root, "depthSnapshots", lineNumber);
        var actualFrames = messages.Count(m => m.Kind == RecordedMessageKind.Frame);
        var actualSnapshots = messages.Count - actualFrames;
        if (frames != actualFrames || snapshots != actualSnapshots)
        {
            throw new RecordingFormatException(
                lineNumber,
                $"the end line counts {frames} frames and {snapshots} depth snapshots, but the file holds {actualFrames} and {actualSnapshots}: lines are missing");
        }
    }

    private static string RequiredString(JsonElement root, string name, int lineNumber) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new RecordingFormatException(lineNumber, $"'{name}' is missing or not a string");

    private static int RequiredInt(JsonElement root, string name, int lineNumber) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new RecordingFormatException(lineNumber, $"'{name}' is missing or not a whole number");

    private static DateTimeOffset RequiredTime(JsonElement root, int lineNumber, string name = "receivedAt") =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time
            : throw new RecordingFormatException(lineNumber, $"'{name}' is missing or not an ISO 8601 time");

    /// <summary>The <c>stream</c> of a <c>{"stream":...,"data":...}</c> frame; <see langword="null"/> for anything else.</summary>
    private static string? StreamOf(string text)
    {
        try
        {
            using var frame = JsonDocument.Parse(text);
            return frame.RootElement.ValueKind == JsonValueKind.Object
                && frame.RootElement.TryGetProperty("stream", out var stream)
                && stream.ValueKind == JsonValueKind.String
                ? stream.GetString()
                : null;
        }
        catch (JsonException)
        {
            // Why not an error: a malformed frame is a faithful record of what the exchange sent.
            return null;
        }
    }
}
