namespace Backpack.HostedService;

/// <summary>Separates the sample's own flags from the arguments meant for the host's configuration.</summary>
internal static class CommandLineSplit
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--simulate", "--help", "-h" };
    private static readonly HashSet<string> FlagsWithValue = new(StringComparer.Ordinal) { "--symbol", "--duration" };

    /// <summary>Returns the sample's flags (with their values) and everything else, in order.</summary>
    public static (string[] Sample, string[] Host) Split(IReadOnlyList<string> args)
    {
        var sample = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (Flags.Contains(args[i]))
            {
                sample.Add(args[i]);
            }
            else if (FlagsWithValue.Contains(args[i]))
            {
                sample.Add(args[i]);
                if (i + 1 < args.Count)
                {
                    sample.Add(args[++i]);
                }
            }
            else
            {
                host.Add(args[i]);
            }
        }

        return ([.. sample], [.. host]);
    }
}
