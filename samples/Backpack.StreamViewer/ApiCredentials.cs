namespace Backpack.StreamViewer;

/// <summary>API credentials from the environment or a <c>.env</c> file. <see cref="ToString"/> never shows the secret.</summary>
internal sealed record ApiCredentials(string? ApiKey, string ApiSecret)
{
    private const string KeyVariable = "BACKPACK_API_KEY";
    private const string SecretVariable = "BACKPACK_API_SECRET";

    /// <summary>Reads the environment first, then <c>.env</c> in the current directory (as Backpack's Python guide does).</summary>
    public static ApiCredentials? Load()
    {
        var dotEnv = ReadDotEnv(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        var key = Value(KeyVariable, dotEnv);
        var secret = Value(SecretVariable, dotEnv);
        // Why only the secret is required: the client derives the public key from it.
        return string.IsNullOrEmpty(secret) ? null : new ApiCredentials(key, secret);
    }

    public override string ToString() => $"ApiCredentials {{ ApiKey = {ApiKey ?? "(derived)"}, ApiSecret = *** }}";

    private static string? Value(string name, Dictionary<string, string> dotEnv)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim();
        }

        return dotEnv.TryGetValue(name, out var fromFile) && fromFile.Length > 0 ? fromFile : null;
    }

    /// <summary>Parses <c>KEY=VALUE</c> lines; blank lines, <c>#</c> comments and an <c>export </c> prefix are allowed, quotes are stripped.</summary>
    private static Dictionary<string, string> ReadDotEnv(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            values[line[..equals].Trim()] = value;
        }

        return values;
    }
}
