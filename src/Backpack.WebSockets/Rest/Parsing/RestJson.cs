using System.Text.Json;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Protocol.Payloads;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>
/// Helpers for REST bodies, on top of <see cref="JsonFields"/>: REST keys are whole words (not the stream's one-letter
/// keys), every optional key may be an explicit <c>null</c>, and unknown keys are skipped.
/// </summary>
internal static class RestJson
{
    /// <summary>Parses a body that is one JSON object.</summary>
    /// <exception cref="PayloadFormatException">The body is not the object <paramref name="read"/> expects.</exception>
    public static T ParseObject<T>(ReadOnlySpan<byte> body, string what, JsonFields.PayloadReader<T> read) =>
        JsonFields.ParsePayload(body, what, read);

    /// <summary>Parses a body that is a JSON array of objects, each read by <paramref name="readElement"/> from its opening brace.</summary>
    /// <exception cref="PayloadFormatException">The body is not such an array.</exception>
    public static IReadOnlyList<T> ParseArray<T>(ReadOnlySpan<byte> body, string what, JsonFields.PayloadReader<T> readElement)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new PayloadFormatException("The body is not a JSON array.");
            }

            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new PayloadFormatException($"Element {items.Count} is {reader.TokenType}, not an object.");
                }

                items.Add(readElement(ref reader));
            }

            if (reader.Read())
            {
                throw new PayloadFormatException("Unexpected content after the array.");
            }

            return items;
        }
        catch (Exception ex) when (ex is PayloadFormatException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new PayloadFormatException($"Malformed {what} body: {ex.Message}", ex);
        }
    }

    /// <summary>Moves to the next key of the current object; <see langword="false"/> once the object ends.</summary>
    public static bool NextField(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Skips the value of the key the reader is on (an unknown key).</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Reads a decimal that the schema requires but that may come as <c>null</c>: <c>null</c> reads as 0.</summary>
    public static decimal ReadDecimalOrZero(ref Utf8JsonReader reader, string field) =>
        JsonFields.ReadNullableDecimal(ref reader, field) ?? 0m;

    /// <summary>
    /// Reads a time sent either as Unix milliseconds (a number or digit string, as <c>createdAt</c> of resting orders) or as a
    /// naive UTC date-time string (as in history); <c>null</c> gives <see langword="null"/>.
    /// </summary>
    public static DateTimeOffset? ReadFlexibleTime(ref Utf8JsonReader reader, string field)
    {
        var peek = reader;
        peek.Read();
        if (peek.TokenType == JsonTokenType.String && !IsDigits(peek.ValueSpan))
        {
            return JsonFields.ReadNaiveUtc(ref reader, field);
        }

        return JsonFields.ReadNullableMilliseconds(ref reader, field);
    }

    /// <summary>Throws unless the reader ended on the object's closing brace.</summary>
    public static void EnsureEnded(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new PayloadFormatException($"The {what} is not a complete JSON object.");
        }
    }

    private static bool IsDigits(ReadOnlySpan<byte> text) => text.Length > 0 && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
