using System.Text;
using Backpack.WebSockets.Testing;

namespace Backpack.StreamViewer.Tests.Replay;

/// <summary>The recording format as the recorder writes it and the reader reads it; bad files are errors naming the line.</summary>
public sealed class SessionRecordingTests
{
    [Fact]
    public void Read_WhatTheRecorderWrote_GivesEveryMessageInOrder()
    {
        var recording = Recordings.Read(Recordings.Sample());

        Assert.True(recording.IsComplete);
        Assert.Equal(
            [RecordedMessageKind.Frame, RecordedMessageKind.Frame, RecordedMessageKind.DepthSnapshot, RecordedMessageKind.Frame, RecordedMessageKind.Frame],
            recording.Messages.Select(m => m.Kind));
        Assert.Equal([2, 3, 4, 5, 6], recording.Messages.Select(m => m.LineNumber));
        Assert.Equal(["trade.SOL_USDC", "depth.SOL_USDC"], recording.Streams);
        Assert.Equal(["SOL_USDC"], recording.Symbols);
        Assert.Equal("{\"data\":{\"e\":\"trade\"},\"stream\":\"trade.SOL_USDC\"}", recording.Messages[0].Text);
        Assert.Equal(Frames.Now, recording.Messages[0].ReceivedAt);
        Assert.Equal(1, recording.Messages[0].ConnectionId);
        Assert.Equal("SOL_USDC", recording.Messages[2].Symbol);
        Assert.Null(recording.Messages[3].Stream);
        Assert.Equal("not json at all", recording.Messages[4].Text);
        Assert.Equal(TimeSpan.FromMilliseconds(40), recording.Duration);
    }

    [Fact]
    public void Read_Gzipped_IsTheSame()
    {
        var plain = Recordings.Read(Recordings.Sample());

        var gzipped = Recordings.Read(Recordings.Gzip(Recordings.Sample()));

        Assert.Equal(plain.Messages.Select(m => m.Text), gzipped.Messages.Select(m => m.Text));
    }

    [Fact]
    public void Read_CutInsideALine_NamesThatLine()
    {
        var bytes = Recordings.Sample();
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var cut = Encoding.UTF8.GetByteCount(string.Join('\n', lines[..3]) + "\n") + 15;

        var error = Assert.Throws<RecordingFormatException>(() => Recordings.Read(bytes[..cut]));

        Assert.Equal(4, error.LineNumber);
        Assert.StartsWith("Recording line 4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipCutShort_IsARecordingErrorNotAHang()
    {
        var gzipped = Recordings.Gzip(Recordings.Sample());

        var error = Assert.Throws<RecordingFormatException>(() => Recordings.Read(gzipped[..(gzipped.Length / 2)]));

        Assert.True(error.LineNumber >= 1);
        Assert.Contains($"line {error.LineNumber}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CutAtALineBoundary_SaysTheEndLineIsMissing_UnlessIncompleteIsAllowed()
    {
        var lines = Encoding.UTF8.GetString(Recordings.Sample()).Split('\n');
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines[..4]) + "\n");

        var error = Assert.Throws<RecordingFormatException>(() => Recordings.Read(bytes));
        var partial = Recordings.Read(bytes, allowIncomplete: true);

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("without its end line", error.Message, StringComparison.Ordinal);
        Assert.False(partial.IsComplete);
        Assert.Equal(3, partial.Messages.Count);
    }

    [Fact]
    public void Read_CorruptLine_NamesIt()
    {
        var error = ReadEdited(lines => lines[2] = "{\"type\":\"frame\",\"connection\":1,\"receivedAt\":");

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"frame\",\"connection\":1,\"text\":\"{}\"}", "'receivedAt' is missing")]
    [InlineData("{\"type\":\"frame\",\"receivedAt\":\"2026-12-04T12:00:00+00:00\",\"text\":\"{}\"}", "'connection' is missing")]
    [InlineData("{\"type\":\"gossip\"}", "unknown line type 'gossip'")]
    [InlineData("[1,2,3]", "'type' is missing")]
    [InlineData("", "the line is empty")]
    public void Read_LineOfTheWrongShape_NamesItAndWhatIsWrong(string line, string expected)
    {
        var error = ReadEdited(lines => lines[1] = line);

        Assert.Equal(2, error.LineNumber);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineMissingFromTheMiddle_IsCaughtByTheEndLinesCounts()
    {
        var error = ReadEdited(lines => lines.RemoveAt(2));

        Assert.Equal(6, error.LineNumber);
        Assert.Contains("lines are missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"frame\"}", "not a recording")]
    [InlineData("{\"type\":\"recording\",\"version\":2,\"startedAt\":\"2026-12-04T12:00:00+00:00\"}", "version 2 is not supported")]
    public void Read_WrongHeader_NamesLine1(string header, string expected)
    {
        var error = ReadEdited(lines => lines[0] = header);

        Assert.Equal(1, error.LineNumber);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Empty_IsAnError()
    {
        var error = Assert.Throws<RecordingFormatException>(() => Recordings.Read([]));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads the sample recording with its lines edited by <paramref name="edit"/>; the read must fail.</summary>
    private static RecordingFormatException ReadEdited(Action<List<string>> edit)
    {
        var lines = Encoding.UTF8.GetString(Recordings.Sample()).Split('\n').ToList();
        edit(lines);
        return Assert.Throws<RecordingFormatException>(() => Recordings.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }
}
