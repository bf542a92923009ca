using System.Globalization;

namespace Backpack.WebSockets.IntegrationTests.Soak;

/// <summary>
/// A fact that runs only when <c>BACKPACK_SOAK_SECONDS</c> holds a positive number of seconds; otherwise the default
/// run reports it skipped (it takes as long as it is told to, in real time).
/// </summary>
public sealed class SoakFactAttribute : FactAttribute
{
    /// <summary>The environment variable that enables the soak test and gives its duration in seconds.</summary>
    public const string Variable = "BACKPACK_SOAK_SECONDS";

    /// <summary>Skips the test unless <see cref="Variable"/> is set.</summary>
    public SoakFactAttribute()
    {
        if (Duration is null)
        {
            Skip = $"Soak test: set {Variable} to a number of seconds to run it, e.g. {Variable}=600 with --filter Category=Soak.";
        }
    }

    /// <summary>The configured duration, or <see langword="null"/> when the variable is unset or not a positive number.</summary>
    public static TimeSpan? Duration =>
        double.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
        && double.IsFinite(seconds) && seconds > 0 && seconds <= TimeSpan.FromDays(7).TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
