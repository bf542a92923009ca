using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Rest.Parsing;

/// <summary>
/// Reads a REST error body (spec §9.4): <c>{"code":"...","message":"..."}</c> when it is JSON, otherwise the text itself
/// (query-parse errors and unknown paths are plain text).
/// </summary>
internal static class RestErrorBody
{
    /// <summary>Error texts longer than this are cut: a proxy's HTML error page is not a useful exception message.</summary>
    private const int MaxMessageLength = 512;

    /// <summary>Reads the code and message of an error body.</summary>
    /// <param name="body">The UTF-8 body; may be empty.</param>
    /// <returns>The code (only from a JSON body) and the message (<see langword="null"/> for an empty body).</returns>
    public static (string? Code, string? Message) Read(ReadOnlySpan<byte> body)
    {
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{' && TryReadJson(trimmed, out var code, out var message))
        {
            return (code, message is null ? null : Cut(message));
        }

        return (null, trimmed.IsEmpty ? null : Cut(Encoding.UTF8.GetString(trimmed)));
    }

    private static bool TryReadJson(ReadOnlySpan<byte> body, out string? code, out string? message)
    {
        code = null;
        message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            while (RestJson.NextField(ref reader))
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    code = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("msg"u8))
                {
                    message ??= ReadText(ref reader);
                }
                else
                {
                    RestJson.Skip(ref reader);
                }
            }

            return code is not null || message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A string, or a number as its text; anything else is skipped.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    private static string Cut(string text) => text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "…");
}
