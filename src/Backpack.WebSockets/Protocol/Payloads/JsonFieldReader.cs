using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// The general path of <see cref="IFieldReader"/>: every read goes to the <see cref="JsonFields"/> method of the same
/// name on the wrapped <see cref="Utf8JsonReader"/>, so it accepts, converts and rejects exactly as those do.
/// </summary>
internal ref struct JsonFieldReader : IFieldReader
{
    /// <summary>A parser body instantiated for this reader.</summary>
    public delegate T Reader<T>(ref JsonFieldReader reader);

    private Utf8JsonReader _reader;

    /// <summary>Continues from <paramref name="reader"/> (a copy: ref fields cannot hold a ref struct), which is on the payload object's opening brace.</summary>
    public JsonFieldReader(Utf8JsonReader reader) => _reader = reader;

    public bool NextProperty(out byte key) => JsonFields.NextProperty(ref _reader, out key);

    public void SkipValue() => _reader.Skip();

    public long ReadInt64(string field) => JsonFields.ReadInt64(ref _reader, field);

    public long? ReadNullableInt64(string field) => JsonFields.ReadNullableInt64(ref _reader, field);

    public decimal ReadDecimal(string field) => JsonFields.ReadDecimal(ref _reader, field);

    public decimal? ReadNullableDecimal(string field) => JsonFields.ReadNullableDecimal(ref _reader, field);

    public DateTimeOffset ReadMicroseconds(string field) => JsonFields.ReadMicroseconds(ref _reader, field);

    public bool ReadBoolean(string field) => JsonFields.ReadBoolean(ref _reader, field);

    public bool? ReadNullableBoolean(string field) => JsonFields.ReadNullableBoolean(ref _reader, field);

    public string ReadInterned(string field) => JsonFields.ReadInterned(ref _reader, field);

    public string? ReadNullableInterned(string field) => JsonFields.ReadNullableInterned(ref _reader, field);

    public string? ReadNullableString(string field) => JsonFields.ReadNullableString(ref _reader, field);

    public T ReadEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum => JsonFields.ReadEnum(ref _reader, field, map);

    public T? ReadNullableEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum => JsonFields.ReadNullableEnum(ref _reader, field, map);

    public PriceLevel[] ReadPriceLevels(string field) => JsonFields.ReadPriceLevels(ref _reader, field);

    public readonly T Required<T>(T? value, string field)
        where T : struct => JsonFields.Required(value, field);

    public readonly string Required(string? value, string field) => JsonFields.Required(value, field);

    public readonly PriceLevel[] Required(PriceLevel[]? value, string field) => JsonFields.Required(value, field);

    /// <summary>
    /// Parses <paramref name="data"/> with <paramref name="read"/> over this reader, through
    /// <see cref="JsonFields.ParsePayload{TState, T}"/>: any failure is a <see cref="PayloadFormatException"/> naming
    /// <paramref name="payload"/>.
    /// </summary>
    public static T Parse<T>(ReadOnlySpan<byte> data, string payload, Reader<T> read) =>
        JsonFields.ParsePayload(data, payload, read, static (ref Utf8JsonReader json, Reader<T> inner) =>
        {
            var reader = new JsonFieldReader(json);
            return inner(ref reader);
        });
}
