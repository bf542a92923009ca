namespace Backpack.WebSockets;

/// <summary>The range check that every options class's setters share, so each reports an out-of-range value alike.</summary>
internal static class OptionRanges
{
    /// <summary>Returns <paramref name="value"/> when it lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not; the message names the option and the range.</exception>
    public static T Check<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }

        return value;
    }
}
