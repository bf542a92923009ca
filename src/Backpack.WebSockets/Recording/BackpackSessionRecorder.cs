using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Backpack.WebSockets.Recording;

/// <summary>
/// Writes what a client received to a stream as JSON lines (the format of <c>docs/recording-format.md</c>): a header line,
/// then one line per frame and per REST depth snapshot, in the order they arrived.
/// </summary>
/// <remarks>
/// <para>
/// Line 1: <c>{"type":"recording","version":1,"startedAt":"..."}</c>. Then
/// <c>{"type":"frame","connection":1,"receivedAt":"...","text":"..."}</c> for a frame and
/// <c>{"type":"depthSnapshot","symbol":"SOL_USDC","receivedAt":"...","body":"..."}</c> for a snapshot. Times are ISO 8601
/// with their offset; <c>text</c> and <c>body</c> hold the received bytes as a JSON string (invalid UTF-8 becomes U+FFFD).
/// <see cref="Dispose"/> writes the last line, <c>{"type":"end","frames":N,"depthSnapshots":M}</c>, by which a reader tells
/// a finished recording from a cut-off one.
/// </para>
/// <para>
/// Thread-safe: lines from several connections never interleave. Calls after <see cref="Dispose"/> are ignored, so a
/// receive loop that is still stopping never fails on it. Each line is handed to the stream when it is complete; what
/// reaches the disk before <see cref="Flush"/> or <see cref="Dispose"/> depends on the stream's own buffering.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var recorder = BackpackSessionRecorder.Create("session.jsonl.gz");
/// var options = new BackpackStreamClientOptions { FrameRecorder = recorder };
/// </code>
/// </example>
public sealed class BackpackSessionRecorder : IBackpackFrameRecorder, IDisposable
{
    /// <summary>The version of the format this type writes.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] s_newLine = [(byte)'\n'];

    private readonly Lock _gate = new();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly MemoryStream _line = new();
    private readonly Utf8JsonWriter _writer;
    private long _frameCount;
    private long _depthSnapshotCount;
    private bool _disposed;

    /// <summary>Creates a recorder that writes to <paramref name="stream"/> and writes the header line at once.</summary>
    /// <param name="stream">A writable stream; wrap it in a <see cref="GZipStream"/> to compress.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open.</param>
    /// <param name="timeProvider">The clock of the header's <c>startedAt</c>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable.</exception>
    public BackpackSessionRecorder(Stream stream, bool leaveOpen = false, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The recording stream must be writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = new Utf8JsonWriter(_line, new JsonWriterOptions
        {
            // Why relaxed: the file is read by programs and people, never embedded in HTML; frames stay legible (\" rather than \u0022).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        var startedAt = (timeProvider ?? TimeProvider.System).GetUtcNow();
        lock (_gate)
        {
            _writer.WriteStartObject();
            _writer.WriteString("type", "recording");
            _writer.WriteNumber("version", FormatVersion);
            _writer.WriteString("startedAt", startedAt);
            _writer.WriteEndObject();
            WriteLine();
        }
    }

    /// <summary>How many frames were written.</summary>
    public long FrameCount => Interlocked.Read(ref _frameCount);

    /// <summary>How many depth snapshots were written.</summary>
    public long DepthSnapshotCount => Interlocked.Read(ref _depthSnapshotCount);

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/>, gzip-compressed when the name ends in <c>.gz</c>.</summary>
    /// <param name="path">The file to write.</param>
    /// <returns>A recorder that owns the file; dispose it to finish the file.</returns>
    public static BackpackSessionRecorder Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: false);
        }

        return new BackpackSessionRecorder(stream);
    }

    /// <inheritdoc/>
    public void OnFrame(int connectionId, ReadOnlySpan<byte> utf8Frame, DateTimeOffset receivedAt)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _writer.WriteStartObject();
            _writer.WriteString("type", "frame");
            _writer.WriteNumber("connection", connectionId);
            _writer.WriteString("receivedAt", receivedAt);
            WriteText("text", utf8Frame);
            _writer.WriteEndObject();
            WriteLine();
            _frameCount++;
        }
    }

    /// <inheritdoc/>
    public void OnDepthSnapshot(string symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _writer.WriteStartObject();
            _writer.WriteString("type", "depthSnapshot");
            _writer.WriteString("symbol", symbol);
            _writer.WriteString("receivedAt", receivedAt);
            WriteText("body", body);
            _writer.WriteEndObject();
            WriteLine();
            _depthSnapshotCount++;
        }
    }

    /// <summary>Flushes the lines written so far to the underlying stream.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _stream.Flush();
            }
        }
    }

    /// <summary>Writes the end line, flushes and, unless the recorder was created with <c>leaveOpen</c>, closes the stream. Idempotent.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.WriteStartObject();
            _writer.WriteString("type", "end");
            _writer.WriteNumber("frames", _frameCount);
            _writer.WriteNumber("depthSnapshots", _depthSnapshotCount);
            _writer.WriteEndObject();
            WriteLine();
            _writer.Dispose();
            _line.Dispose();
            _stream.Flush();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Writes <paramref name="utf8"/> as a JSON string; bytes that are not UTF-8 become U+FFFD rather than an error.</summary>
    private void WriteText(string name, ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            _writer.WriteString(name, utf8);
        }
        else
        {
            _writer.WriteString(name, Encoding.UTF8.GetString(utf8));
        }
    }

    /// <summary>Hands the finished line and its newline to the stream; the caller holds <see cref="_gate"/>.</summary>
    private void WriteLine()
    {
        _writer.Flush();
        _stream.Write(_line.GetBuffer().AsSpan(0, (int)_line.Length));
        _stream.Write(s_newLine);
        _line.SetLength(0);
        _writer.Reset(_line);
    }
}
