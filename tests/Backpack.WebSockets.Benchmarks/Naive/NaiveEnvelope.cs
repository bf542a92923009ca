using System.Text.Json.Serialization;

namespace Backpack.WebSockets.Benchmarks.Naive;

/// <summary>A whole frame as a DTO: what a Websocket.Client user deserializes each text message into.</summary>
public sealed class NaiveEnvelope<T>
{
    [JsonPropertyName("stream")] public string? Stream { get; set; }
    [JsonPropertyName("data")] public T? Data { get; set; }
}
