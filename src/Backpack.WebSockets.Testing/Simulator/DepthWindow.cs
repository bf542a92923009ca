namespace Backpack.WebSockets.Testing;

/// <summary>An aggregated depth stream's open window (<c>depth.200ms.</c>, <c>depth.600ms.</c>, <c>depth.1000ms.</c>): the published updates merged so far.</summary>
internal sealed class DepthWindow(string stream, long lengthMicroseconds)
{
    /// <summary>The stream name.</summary>
    public string Stream { get; } = stream;

    /// <summary>The window length in microseconds.</summary>
    public long LengthMicroseconds { get; } = lengthMicroseconds;

    /// <summary>The index of the window (time / length) the pending updates belong to.</summary>
    public long Index { get; set; }

    /// <summary>The first update id merged (<c>U</c>).</summary>
    public long FirstId { get; set; }

    /// <summary>The last update id merged (<c>u</c>).</summary>
    public long LastId { get; set; }

    /// <summary>The engine time of the last merged update, µs (<c>T</c>).</summary>
    public long EngineTime { get; set; }

    /// <summary>Whether any update is pending.</summary>
    public bool HasPending { get; set; }

    /// <summary>The merged levels.</summary>
    public LevelChanges Levels { get; } = new();
}
