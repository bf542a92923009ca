using System.Text;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>Stream descriptors whose item is the raw <c>data</c> JSON, to test routing apart from the model parsers.</summary>
public static class TestStreams
{
    public static BackpackStream<string> Raw(string name) => new(name, static data => Encoding.UTF8.GetString(data));

    /// <summary>A data frame as the server sends it: <c>data</c> first.</summary>
    public static string Frame(string stream, string dataJson) => $"{{\"data\":{dataJson},\"stream\":\"{stream}\"}}";
}
