namespace Backpack.WebSockets.Testing;

/// <summary>A recording that cannot be read or replayed: truncated, corrupt, or of an unknown version. The message names the line.</summary>
public sealed class RecordingFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="lineNumber">The line at fault (from 1).</param>
    /// <param name="message">What is wrong with it, without the line number.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public RecordingFormatException(int lineNumber, string message, Exception? innerException = null)
        : base($"Recording line {lineNumber}: {message}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The line at fault, from 1.</summary>
    public int LineNumber { get; }
}
