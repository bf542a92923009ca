using System.Globalization;
using System.Text.Json;

namespace Backpack.WebSockets.IntegrationTests.Infrastructure;

/// <summary>Reads server frames in tests, independently of the library.</summary>
internal static class Frames
{
    /// <summary>A frame that marks the end of what a test waits for.</summary>
    public const string Sentinel = """{"sentinel":true}""";

    public static bool IsSentinel(string frame) => frame == Sentinel;

    public static JsonElement Parse(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.Clone();
    }

    public static string Stream(JsonElement frame) => frame.GetProperty("stream").GetString()!;

    public static JsonElement Data(JsonElement frame) => frame.GetProperty("data");

    public static (int Code, string Message) Error(JsonElement frame)
    {
        Assert.True(frame.GetProperty("id").ValueKind == JsonValueKind.Null, "error frames carry id null");
        var error = frame.GetProperty("error");
        return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!);
    }

    public static decimal Decimal(JsonElement element) =>
        decimal.Parse(element.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The <c>[price, quantity]</c> pairs of a depth side.</summary>
    public static IEnumerable<(decimal Price, decimal Quantity)> Levels(JsonElement side) =>
        side.EnumerateArray().Select(level => (Decimal(level[0]), Decimal(level[1])));
}
