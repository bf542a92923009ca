using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// The field reads a payload parser makes, so one parser body (the key switch and the model it builds) serves both
/// readers: <see cref="JsonFieldReader"/>, the <see cref="System.Text.Json.Utf8JsonReader"/> path that accepts all JSON
/// and throws <see cref="PayloadFormatException"/> on bad input, and <see cref="CompactPayloadScanner"/>, the fast path for
/// the compact JSON the server sends, which declines (returns defaults and remembers it) wherever it is not sure to agree
/// with the first. Each <c>Read…</c> method reads the value of the property <see cref="NextProperty"/> stopped on.
/// </summary>
internal interface IFieldReader
{
    /// <summary>Moves to the next property of the payload object and gives its one-byte key (0 for any longer key).</summary>
    /// <returns><see langword="false"/> once the object has ended (or, for the scanner, once it declined).</returns>
    bool NextProperty(out byte key);

    /// <summary>Skips the value of a property no parser reads.</summary>
    void SkipValue();

    /// <summary>A required 64-bit integer (number or integer string).</summary>
    long ReadInt64(string field);

    /// <summary>An optional 64-bit integer; <c>null</c> gives <see langword="null"/>.</summary>
    long? ReadNullableInt64(string field);

    /// <summary>A required decimal (string or number), keeping the scale as sent.</summary>
    decimal ReadDecimal(string field);

    /// <summary>An optional decimal; <c>null</c> gives <see langword="null"/>.</summary>
    decimal? ReadNullableDecimal(string field);

    /// <summary>A required Unix time in microseconds, as UTC.</summary>
    DateTimeOffset ReadMicroseconds(string field);

    /// <summary>A required JSON boolean.</summary>
    bool ReadBoolean(string field);

    /// <summary>An optional JSON boolean; <c>null</c> gives <see langword="null"/>.</summary>
    bool? ReadNullableBoolean(string field);

    /// <summary>A required repeating string (symbol, asset) through <see cref="StringCache"/>.</summary>
    string ReadInterned(string field);

    /// <summary>An optional repeating string through <see cref="StringCache"/>; <c>null</c> gives <see langword="null"/>.</summary>
    string? ReadNullableInterned(string field);

    /// <summary>An optional one-off string, verbatim; <c>null</c> gives <see langword="null"/>.</summary>
    string? ReadNullableString(string field);

    /// <summary>A required enum, matched like <see cref="JsonFields.ReadEnum{T}"/>.</summary>
    T ReadEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum;

    /// <summary>An optional enum; <c>null</c> gives <see langword="null"/>.</summary>
    T? ReadNullableEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum;

    /// <summary>Depth levels <c>[[price, quantity], …]</c> in an exactly sized array.</summary>
    PriceLevel[] ReadPriceLevels(string field);

    /// <summary>A required value that must have appeared.</summary>
    T Required<T>(T? value, string field)
        where T : struct;

    /// <summary>A required string that must have appeared.</summary>
    string Required(string? value, string field);

    /// <summary>Required depth levels that must have appeared.</summary>
    PriceLevel[] Required(PriceLevel[]? value, string field);
}
