namespace Backpack.StreamViewer;

/// <summary>The viewer's parsed command line.</summary>
internal sealed record ViewerArguments
{
    /// <summary>Run the simulated exchange in-process.</summary>
    public bool Simulate { get; init; }

    /// <summary>The markets to show, in order; the first one is shown first. Empty with <see cref="ReplayPath"/>: the recording's.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Stop by itself after this long.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Write every received frame and depth snapshot here (gzip when the name ends in <c>.gz</c>).</summary>
    public string? RecordPath { get; init; }

    /// <summary>Serve this recording from an in-process fake exchange instead of connecting anywhere.</summary>
    public string? ReplayPath { get; init; }

    /// <summary>The replay speed: 1 as recorded, 10 ten times faster, <see cref="double.PositiveInfinity"/> as fast as possible.</summary>
    public double Speed { get; init; } = 1;
}
