using System.Text.Json;

namespace Backpack.WebSockets.Benchmarks.ParseAndRoute;

/// <summary>The floor: a <see cref="Utf8JsonReader"/> that reads every token of a frame and builds nothing.</summary>
internal static class TokenFloor
{
    public static int ReadAllTokens(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
