using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Writes server frames as JSON text with <see cref="Utf8JsonWriter"/>, independently of the client library's
/// parser, so that a protocol bug cannot hide symmetrically in both.
/// </summary>
internal static class JsonFrames
{
    /// <summary>Writer settings: compact, and no escaping of characters the wire leaves as they are.</summary>
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds a data frame <c>{"data":{...},"stream":"..."}</c>, <c>data</c> first as the live server sends it.</summary>
    public static string Envelope(string stream, Action<Utf8JsonWriter> writeData) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            writer.WriteStartObject();
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteString("stream", stream);
            writer.WriteEndObject();
        });

    /// <summary>Builds a data frame around a raw JSON payload.</summary>
    /// <exception cref="ArgumentException"><paramref name="dataJson"/> is not one valid JSON value.</exception>
    public static string Envelope(string stream, string dataJson)
    {
        try
        {
            return Write(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("data");
                writer.WriteRawValue(dataJson);
                writer.WriteString("stream", stream);
                writer.WriteEndObject();
            });
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("The payload is not valid JSON; use PublishRawFrameAsync to send malformed frames.", nameof(dataJson), exception);
        }
    }

    /// <summary>Builds an error frame <c>{"id":null,"error":{"code":...,"message":"..."}}</c>.</summary>
    public static string Error(int code, string message) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNull("id");
            writer.WritePropertyName("error");
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary>Writes <c>"name":[["price","quantity"], …]</c>, prices and quantities as invariant decimal strings (depth and REST snapshot).</summary>
    public static void WriteLevels<TLevel>(Utf8JsonWriter writer, string name, IEnumerable<TLevel> levels, Func<TLevel, (decimal Price, decimal Quantity)> select)
    {
        writer.WriteStartArray(name);
        foreach (var level in levels)
        {
            var (price, quantity) = select(level);
            writer.WriteStartArray();
            writer.WriteStringValue(price.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteStringValue(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 output as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
