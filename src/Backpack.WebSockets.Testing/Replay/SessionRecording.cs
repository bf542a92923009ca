namespace Backpack.WebSockets.Testing;

/// <summary>
/// A session written by <c>BackpackSessionRecorder</c> (Backpack.WebSockets): every frame a client received and every
/// REST depth snapshot it used, in order, with their receive times. <see cref="BackpackTestServer.ReplayAsync"/> plays it
/// back, so that a recorded incident becomes a deterministic test.
/// </summary>
/// <remarks>The format is described in <c>docs/recording-format.md</c>. Instances are immutable and thread-safe.</remarks>
/// <example>
/// <code>
/// var recording = SessionRecording.Load("incident.jsonl.gz");
/// await using var server = new BackpackTestServer();
/// await server.StartAsync();
/// var replay = server.ReplayAsync(recording, new ReplayOptions { Speed = double.PositiveInfinity });
/// // point a client at server.WebSocketUri / server.RestUri and subscribe as the recorded client did, then:
/// await replay;
/// </code>
/// </example>
public sealed class SessionRecording
{
    internal SessionRecording(DateTimeOffset startedAt, IReadOnlyList<RecordedMessage> messages, bool isComplete)
    {
        StartedAt = startedAt;
        Messages = messages;
        IsComplete = isComplete;
        Streams = [.. messages.Where(m => m.Stream is not null).Select(m => m.Stream!).Distinct(StringComparer.Ordinal)];
        Symbols = [.. messages.Select(m => m.Symbol ?? SymbolOf(m.Stream)).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>When the recorder was created (the header's <c>startedAt</c>).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The frames and depth snapshots, in the order the client received them.</summary>
    public IReadOnlyList<RecordedMessage> Messages { get; }

    /// <summary>
    /// Whether the recording ends with its end line, written when the recorder was disposed. An incomplete one (the
    /// recording process died) loads only with <c>allowIncomplete</c>.
    /// </summary>
    public bool IsComplete { get; }

    /// <summary>The streams the recording has frames of, in order of first appearance.</summary>
    public IReadOnlyList<string> Streams { get; }

    /// <summary>The markets of the recorded depth snapshots and of the streams that name one, in order of first appearance.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The time from the first message to the last, as recorded.</summary>
    public TimeSpan Duration => Messages.Count < 2 ? TimeSpan.Zero : Messages[^1].ReceivedAt - Messages[0].ReceivedAt;

    /// <summary>Reads the recording at <paramref name="path"/> (gzip-compressed or not: the content tells).</summary>
    /// <param name="path">The file.</param>
    /// <param name="allowIncomplete">Accept a recording without its end line (cut off at a line boundary, or never finished).</param>
    /// <returns>The recording.</returns>
    /// <exception cref="RecordingFormatException">The file is not a recording, is corrupt, or is truncated; the message names the line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SessionRecording Load(string path, bool allowIncomplete = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(file, allowIncomplete);
    }

    /// <summary>Reads a recording from <paramref name="stream"/> to its end (gzip-compressed or not: the content tells).</summary>
    /// <param name="stream">A readable stream, left open.</param>
    /// <param name="allowIncomplete">Accept a recording without its end line.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="RecordingFormatException">The content is not a recording, is corrupt, or is truncated; the message names the line.</exception>
    public static SessionRecording Read(Stream stream, bool allowIncomplete = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return RecordingReader.Read(stream, allowIncomplete);
    }

    /// <summary>The symbol a market stream names (<c>depth.SOL_USDC</c>, <c>kline.1m.SOL_USDC</c>); <see langword="null"/> for <c>account.*</c>.</summary>
    private static string? SymbolOf(string? stream)
    {
        if (stream is null || stream.StartsWith("account.", StringComparison.Ordinal))
        {
            return null;
        }

        var dot = stream.LastIndexOf('.');
        return dot > 0 && dot < stream.Length - 1 ? stream[(dot + 1)..] : null;
    }
}
