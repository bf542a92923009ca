using System.Buffers;
using System.Text.Json;

namespace Backpack.WebSockets.Protocol;

/// <summary>Writes client requests: <c>{"method":"SUBSCRIBE","params":[...]}</c>, optionally with a <c>signature</c> array.</summary>
internal static class RequestWriter
{
    public const string Subscribe = "SUBSCRIBE";
    public const string Unsubscribe = "UNSUBSCRIBE";

    /// <summary>Writes one request as UTF-8 JSON into <paramref name="output"/>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="method"><see cref="Subscribe"/> or <see cref="Unsubscribe"/>.</param>
    /// <param name="streams">The stream names.</param>
    /// <param name="signature">The four strings of a signed request, or <see langword="null"/>.</param>
    public static void Write(IBufferWriter<byte> output, string method, IReadOnlyList<string> streams, IReadOnlyList<string>? signature)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("method"u8, method);
        writer.WriteStartArray("params"u8);
        foreach (var stream in streams)
        {
            writer.WriteStringValue(stream);
        }

        writer.WriteEndArray();
        if (signature is not null)
        {
            writer.WriteStartArray("signature"u8);
            foreach (var part in signature)
            {
                writer.WriteStringValue(part);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
