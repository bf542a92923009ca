using System.Text.Json;

namespace Backpack.WebSockets.Testing;

/// <summary>The frames one simulator step produces, in publish order. A frame is only written when its stream has subscribers.</summary>
internal sealed class FrameBatch(BackpackTestServer server)
{
    /// <summary>The frames: stream and whole frame text.</summary>
    public List<(string Stream, string Frame)> Frames { get; } = [];

    /// <summary>Adds a data frame for <paramref name="stream"/>, written by <paramref name="writeData"/> inside <c>data</c>.</summary>
    public void Add(string stream, Action<Utf8JsonWriter> writeData)
    {
        if (server.HasSubscribers(stream))
        {
            Frames.Add((stream, JsonFrames.Envelope(stream, writeData)));
        }
    }

    /// <summary>Adds the same payload to the unscoped stream and its per-symbol form (<c>account.orderUpdate</c> and <c>account.orderUpdate.SOL_USDC</c>).</summary>
    public void AddScoped(string stream, string symbol, Action<Utf8JsonWriter> writeData)
    {
        Add(stream, writeData);
        Add($"{stream}.{symbol}", writeData);
    }
}
