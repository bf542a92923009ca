using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// Shared readers for payload fields. Each <c>Read…</c> method expects the reader on a property name, moves it onto the
/// value and converts the value. Numbers are accepted as JSON numbers or as strings, because the server and its
/// documentation disagree field by field (spec §5, §12). Nothing here allocates except the strings and arrays that end
/// up in the model.
/// </summary>
internal static class JsonFields
{
    /// <summary>Escaped scalars longer than this cannot be a number, date, key or enum name we know.</summary>
    private const int MaxEscapedScalarBytes = 64;

    /// <summary>Enum names longer than this (after dropping underscores) are not ones we know.</summary>
    private const int MaxEnumNameLength = 32;

    /// <summary>Ticks from 0001-01-01 to the Unix epoch.</summary>
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    /// <summary>The largest Unix time, in ticks, that <see cref="DateTimeOffset"/> can hold.</summary>
    private const long MaxUnixTicks = 3_155_378_975_999_999_999 - UnixEpochTicks;

    /// <summary>Parses unescaped UTF-8 text into a value.</summary>
    private delegate bool Utf8TextParser<T>(ReadOnlySpan<byte> text, out T value);

    /// <summary>Reads the fields of a payload; the reader is on the object's opening brace.</summary>
    public delegate T PayloadReader<T>(ref Utf8JsonReader reader);

    /// <summary>Reads the fields of a payload, with state from outside the payload (the kline interval).</summary>
    public delegate T PayloadReader<TState, T>(ref Utf8JsonReader reader, TState state);

    /// <summary>Parses a payload object with <paramref name="read"/>.</summary>
    /// <exception cref="PayloadFormatException">
    /// Any failure to read the payload, whatever its cause, with a message naming <paramref name="payload"/>.
    /// </exception>
    public static T ParsePayload<T>(ReadOnlySpan<byte> data, string payload, PayloadReader<T> read) =>
        ParsePayload(data, payload, read, static (ref Utf8JsonReader reader, PayloadReader<T> inner) => inner(ref reader));

    /// <summary>Parses a payload object with <paramref name="read"/>, passing it <paramref name="state"/>.</summary>
    /// <exception cref="PayloadFormatException">
    /// Any failure to read the payload, whatever its cause, with a message naming <paramref name="payload"/>.
    /// </exception>
    public static T ParsePayload<TState, T>(ReadOnlySpan<byte> data, string payload, TState state, PayloadReader<TState, T> read)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new PayloadFormatException("The payload is not a JSON object.");
            }

            return read(ref reader, state);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            // Callers see one exception type, whether the reader, a converter or a missing field failed.
            throw new PayloadFormatException($"Malformed {payload} payload: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Moves to the next property of the top-level object and gives its key. Every Backpack key is one ASCII character and
    /// keys are case-sensitive (<c>E</c> is not <c>e</c>), so the key is that byte; longer keys give 0, which no parser
    /// handles, so they are skipped like any unknown key.
    /// </summary>
    /// <returns><see langword="false"/> once the object has ended (and nothing but whitespace follows it).</returns>
    public static bool NextProperty(ref Utf8JsonReader reader, out byte key)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            // One byte to switch on instead of a ValueTextEquals chain, which cost several times a bare token walk
            // on order updates.
            var name = reader.ValueSpan;
            key = name.Length == 1 && !reader.ValueIsEscaped ? name[0]
                : reader.ValueIsEscaped ? UnescapeKey(in reader)
                : (byte)0;
            return true;
        }

        // Trailing content after the object makes Read throw; whitespace is fine.
        if (reader.Read())
        {
            throw new PayloadFormatException("Unexpected content after the payload object.");
        }

        key = 0;
        return false;
    }

    /// <summary>Returns a required value, or throws if the field never appeared.</summary>
    public static T Required<T>(T? value, string field)
        where T : struct => value ?? throw Missing(field);

    /// <summary>Returns a required string, or throws if the field never appeared.</summary>
    public static string Required(string? value, string field) => value ?? throw Missing(field);

    /// <summary>Returns required depth levels, or throws if the field never appeared.</summary>
    public static PriceLevel[] Required(PriceLevel[]? value, string field) => value ?? throw Missing(field);

    /// <summary>Reads a required 64-bit integer (JSON number or decimal string); never goes through <see cref="double"/>.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ParseInt64(in reader, field);
    }

    /// <summary>Reads an optional 64-bit integer; JSON <c>null</c> gives <see langword="null"/>.</summary>
    public static long? ReadNullableInt64(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ParseInt64(in reader, field);
    }

    /// <summary>Reads a required decimal (decimal string or JSON number), keeping the scale as sent.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ParseDecimal(in reader, field);
    }

    /// <summary>Reads an optional decimal; JSON <c>null</c> gives <see langword="null"/>.</summary>
    public static decimal? ReadNullableDecimal(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ParseDecimal(in reader, field);
    }

    /// <summary>Reads a required Unix time in <b>microseconds</b> (<c>E</c>, <c>T</c>) as UTC.</summary>
    public static DateTimeOffset ReadMicroseconds(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return FromUnix(ParseInt64(in reader, field), TimeSpan.TicksPerMicrosecond, field);
    }

    /// <summary>Reads a required Unix time in <b>milliseconds</b> (stockPrice <c>timestamp</c>) as UTC.</summary>
    public static DateTimeOffset ReadMilliseconds(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return FromUnix(ParseInt64(in reader, field), TimeSpan.TicksPerMillisecond, field);
    }

    /// <summary>Reads an optional Unix time in <b>microseconds</b> (<c>E</c> where a stream's payload is unconfirmed) as UTC.</summary>
    public static DateTimeOffset? ReadNullableMicroseconds(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null
            ? null
            : FromUnix(ParseInt64(in reader, field), TimeSpan.TicksPerMicrosecond, field);
    }

    /// <summary>Reads an optional Unix time in <b>milliseconds</b> (markPrice <c>n</c>, RFQ <c>w</c>/<c>W</c>) as UTC.</summary>
    public static DateTimeOffset? ReadNullableMilliseconds(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null
            ? null
            : FromUnix(ParseInt64(in reader, field), TimeSpan.TicksPerMillisecond, field);
    }

    /// <summary>
    /// Reads a required zone-less ISO-8601 time (kline <c>t</c>/<c>T</c>, e.g. <c>2024-09-11T12:00:00</c>) as UTC. Also
    /// accepts a space instead of <c>T</c> (the REST spelling), fractional seconds and a trailing <c>Z</c>.
    /// </summary>
    public static DateTimeOffset ReadNaiveUtc(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "an ISO-8601 date-time string", reader.TokenType);
        }

        var parsed = reader.ValueIsEscaped
            ? TryParseEscaped(in reader, TryParseNaiveUtc, out DateTimeOffset value)
            : TryParseNaiveUtc(reader.ValueSpan, out value);
        return parsed ? value : throw Invalid(field, "an ISO-8601 date-time");
    }

    /// <summary>Reads a required JSON boolean.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ParseBoolean(in reader, field);
    }

    /// <summary>Reads an optional JSON boolean; JSON <c>null</c> gives <see langword="null"/>.</summary>
    public static bool? ReadNullableBoolean(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ParseBoolean(in reader, field);
    }

    /// <summary>Reads a required string that repeats across messages (symbol, asset) through <see cref="StringCache"/>.</summary>
    public static string ReadInterned(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ParseInterned(in reader, field);
    }

    /// <summary>Reads an optional repeating string through <see cref="StringCache"/>; JSON <c>null</c> gives <see langword="null"/>.</summary>
    public static string? ReadNullableInterned(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ParseInterned(in reader, field);
    }

    /// <summary>
    /// Reads an optional one-off string verbatim. With <paramref name="acceptNumber"/>, a JSON number is returned as its
    /// text (for ids that some sources send as numbers).
    /// </summary>
    public static string? ReadNullableString(ref Utf8JsonReader reader, string field, bool acceptNumber = false)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return GetString(in reader, field);
            case JsonTokenType.Number when acceptNumber:
                // Number tokens are validated ASCII and never escaped.
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                throw WrongToken(field, acceptNumber ? "a string or number" : "a string", reader.TokenType);
        }
    }

    /// <summary>
    /// Reads a required enum. Names are matched ignoring case and underscores, so <c>LIMIT</c>, <c>Limit</c> and
    /// <c>LIQUIDATION_AUTOCLOSE</c> all match; names <paramref name="map"/> does not know become its Unknown member.
    /// </summary>
    public static T ReadEnum<T>(ref Utf8JsonReader reader, string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum
    {
        reader.Read();
        return ParseEnum(in reader, field, map);
    }

    /// <summary>Reads an optional enum like <see cref="ReadEnum{T}"/>; JSON <c>null</c> gives <see langword="null"/>.</summary>
    public static T? ReadNullableEnum<T>(ref Utf8JsonReader reader, string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ParseEnum(in reader, field, map);
    }

    /// <summary>
    /// Reads depth levels <c>[["price","quantity"], …]</c> into an exactly sized array. Prices and quantities may be strings or
    /// numbers; any spelling of zero (<c>"0"</c>, <c>"0.00000"</c>, <c>0</c>) compares equal to <c>0m</c>.
    /// </summary>
    public static PriceLevel[] ReadPriceLevels(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongToken(field, "an array of [price, quantity] arrays", reader.TokenType);
        }

        var levels = PriceLevelBuffer.Start();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            levels.Add(ParsePriceLevel(ref reader, field));
        }

        return levels.ToArray();
    }

    /// <summary>Whether <paramref name="exception"/> means the payload was malformed (as opposed to a fatal error).</summary>
    private static bool IsMalformed(Exception exception) =>
        exception is PayloadFormatException or JsonException or InvalidOperationException or FormatException
            or OverflowException or ArgumentException;

    private static PayloadFormatException Missing(string field) =>
        new($"Required field '{field}' is missing.");

    private static PayloadFormatException WrongToken(string field, string expected, JsonTokenType actual) =>
        new($"Field '{field}' must be {expected}, not {actual}.");

    private static PayloadFormatException Invalid(string field, string expected) =>
        new($"Field '{field}' is not {expected} (malformed or out of range).");

    private static PriceLevel ParsePriceLevel(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongToken(field, "an array of [price, quantity] arrays", reader.TokenType);
        }

        reader.Read();
        var price = ParseDecimal(in reader, field);
        reader.Read();
        var quantity = ParseDecimal(in reader, field);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new PayloadFormatException($"Field '{field}' has a level that is not a [price, quantity] pair.");
        }

        return new PriceLevel(price, quantity);
    }

    private static long ParseInt64(in Utf8JsonReader reader, string field)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            throw WrongToken(field, "an integer or integer string", reader.TokenType);
        }

        // Direct call on the hot path; only escaped strings pay for the delegate and the copy.
        var parsed = reader.ValueIsEscaped
            ? TryParseEscaped(in reader, TryParseInt64, out long value)
            : TryParseInt64(reader.ValueSpan, out value);
        return parsed ? value : throw Invalid(field, "a 64-bit integer");
    }

    private static decimal ParseDecimal(in Utf8JsonReader reader, string field)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            throw WrongToken(field, "a decimal string or number", reader.TokenType);
        }

        var parsed = reader.ValueIsEscaped
            ? TryParseEscaped(in reader, TryParseDecimal, out decimal value)
            : TryParseDecimal(reader.ValueSpan, out value);
        return parsed ? value : throw Invalid(field, "a decimal number");
    }

    private static bool ParseBoolean(in Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongToken(field, "true or false", reader.TokenType),
    };

    private static string ParseInterned(in Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a string", reader.TokenType);
        }

        if (reader.ValueSpan.Length > StringCache.MaxLength)
        {
            return GetString(in reader, field);
        }

        Span<byte> scratch = stackalloc byte[StringCache.MaxLength];
        TryGetUnescaped(in reader, scratch, out var utf8);
        return StringCache.Get(utf8) ?? throw new PayloadFormatException($"Field '{field}' is not valid UTF-8.");
    }

    private static string GetString(in Utf8JsonReader reader, string field)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new PayloadFormatException($"Field '{field}' is not valid UTF-8.", ex);
        }
    }

    private static T ParseEnum<T>(in Utf8JsonReader reader, string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongToken(field, "a string", reader.TokenType);
        }

        Span<byte> scratch = stackalloc byte[MaxEscapedScalarBytes];
        return TryGetUnescaped(in reader, scratch, out var text) ? MapEnum(text, map) : default;
    }

    /// <summary>
    /// Maps the unescaped UTF-8 text of an enum string with <paramref name="map"/>, ignoring case and underscores; text
    /// that cannot be a known name gives the Unknown member (default).
    /// </summary>
    internal static T MapEnum<T>(ReadOnlySpan<byte> text, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum
    {
        // Lower-case ASCII without underscores; anything else cannot be a name we know, so it maps to Unknown (default).
        Span<char> name = stackalloc char[MaxEnumNameLength];
        var length = 0;
        foreach (var b in text)
        {
            if (b == (byte)'_')
            {
                continue;
            }

            if (b >= 0x80 || length == name.Length)
            {
                return default;
            }

            name[length++] = (char)(char.IsAsciiLetterUpper((char)b) ? b | 0x20 : b);
        }

        return map(name[..length]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseEscaped<T>(in Utf8JsonReader reader, Utf8TextParser<T> parse, out T value)
    {
        Span<byte> scratch = stackalloc byte[MaxEscapedScalarBytes];
        if (TryGetUnescaped(in reader, scratch, out var text))
        {
            return parse(text, out value);
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Gives the bytes of a string or number token, unescaped: in place when not escaped, else copied into
    /// <paramref name="scratch"/>; escaped values too long for it report <see langword="false"/>.
    /// </summary>
    private static bool TryGetUnescaped(in Utf8JsonReader reader, Span<byte> scratch, out ReadOnlySpan<byte> text)
    {
        if (!reader.ValueIsEscaped)
        {
            text = reader.ValueSpan;
            return true;
        }

        if (reader.ValueSpan.Length > scratch.Length)
        {
            text = default;
            return false;
        }

        text = scratch[..reader.CopyString(scratch)];
        return true;
    }

    private static byte UnescapeKey(in Utf8JsonReader reader)
    {
        Span<byte> scratch = stackalloc byte[MaxEscapedScalarBytes];
        return TryGetUnescaped(in reader, scratch, out var key) && key.Length == 1 ? key[0] : (byte)0;
    }

    /// <summary>
    /// Parses an integer; up to 18 plain digits (every id and timestamp on the wire) without Utf8Parser's generality.
    /// Internal for <see cref="CompactPayloadScanner"/>, which converts the same text the same way.
    /// </summary>
    internal static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        var negative = text.Length > 1 && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.Length is > 0 and <= 18)
        {
            // Eight digits at a time where possible: timestamps have 16 and ids 8 to 11, and the one-digit-at-a-time
            // multiply chain was most of a trade's integer cost.
            long result = 0;
            while (digits.Length >= 8)
            {
                if (!TryParseEightDigits(digits, out var eight))
                {
                    value = 0;
                    return false;
                }

                result = (result * 100_000_000) + (long)eight;
                digits = digits[8..];
            }

            foreach (var b in digits)
            {
                var digit = (uint)(b - '0');
                if (digit > 9)
                {
                    value = 0;
                    return false;
                }

                result = (result * 10) + digit;
            }

            value = negative ? -result : result;
            return true;
        }

        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    /// <summary>
    /// Parses the first eight bytes of <paramref name="text"/> as ASCII digits in one 64-bit word (SWAR: check that every
    /// byte is a digit, then combine pairs, quads and halves with three multiplies).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseEightDigits(ReadOnlySpan<byte> text, out ulong value)
    {
        var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(text);

        // Each byte must be 0x30..0x39: its high nibble is 3, and adding 6 does not carry into the high nibble.
        if (((word & 0xF0F0F0F0F0F0F0F0UL) | (((word + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
        {
            value = 0;
            return false;
        }

        word = ((word & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        word = ((word & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        value = ((word & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32;
        return true;
    }

    /// <summary>
    /// Parses a decimal, keeping its scale ("18.70" stays 18.70, as <see cref="decimal.Parse(string)"/> keeps it). The plain
    /// form <c>[-]digits[.digits]</c> of up to 19 digits in all (every price and quantity on the wire) is built directly
    /// from its mantissa: one multiply-add per integer digit and eight fraction digits at a time where there are eight
    /// (SWAR), with no per-digit bookkeeping (the digit count and the scale come from positions at the end, and a mantissa
    /// that wrapped is caught there by its digit count). Anything else (an exponent, a leading '+', "5.", more digits,
    /// garbage) goes through <see cref="TryParseDecimalSlow"/>, the Utf8Parser path, unchanged. Internal for the tests, which
    /// compare it with that path exhaustively.
    /// </summary>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        var negative = text.Length > 1 && text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        var integerStart = i;
        ulong mantissa = 0;
        uint digit;
        while (i < text.Length && (digit = (uint)(text[i] - '0')) <= 9)
        {
            mantissa = (mantissa * 10) + digit;
            i++;
        }

        var digits = i - integerStart;
        var scale = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.')
            {
                return TryParseDecimalSlow(text, out value);
            }

            var fractionStart = ++i;
            while (text.Length - i >= 8 && TryParseEightDigits(text[i..], out var eight))
            {
                mantissa = (mantissa * 100_000_000) + eight;
                i += 8;
            }

            while (i < text.Length)
            {
                digit = (uint)(text[i] - '0');
                if (digit > 9)
                {
                    return TryParseDecimalSlow(text, out value);
                }

                mantissa = (mantissa * 10) + digit;
                i++;
            }

            scale = i - fractionStart;
            digits += scale;
            if (scale == 0)
            {
                // "5.": whatever the slow path makes of it.
                return TryParseDecimalSlow(text, out value);
            }
        }

        // Nineteen digits always fit in 64 bits (< 1.8e19); more may have wrapped, so they take the slow path.
        if (digits is 0 or > 19)
        {
            return TryParseDecimalSlow(text, out value);
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>The general path: Utf8Parser (exponents too), then the BCL parser for what Utf8Parser refuses.</summary>
    internal static bool TryParseDecimalSlow(ReadOnlySpan<byte> text, out decimal value) =>
        (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length)
        || decimal.TryParse(
            text,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture,
            out value);

    private static DateTimeOffset FromUnix(long value, long ticksPerUnit, string field) =>
        TryFromUnix(value, ticksPerUnit, out var time)
            ? time
            : throw new PayloadFormatException($"Field '{field}' ({value}) is outside the range of DateTimeOffset.");

    /// <summary>
    /// Converts a Unix time in units of <paramref name="ticksPerUnit"/> ticks to UTC; <see langword="false"/> when
    /// <see cref="DateTimeOffset"/> cannot hold it.
    /// </summary>
    internal static bool TryFromUnix(long value, long ticksPerUnit, out DateTimeOffset time)
    {
        if (value < -UnixEpochTicks / ticksPerUnit || value > MaxUnixTicks / ticksPerUnit)
        {
            time = default;
            return false;
        }

        // The constructor with a zero offset skips AddTicks' local-clock arithmetic; the range was checked above.
        time = new DateTimeOffset(UnixEpochTicks + (value * ticksPerUnit), TimeSpan.Zero);
        return true;
    }

    /// <summary>Parses <c>yyyy-MM-dd[T| ]HH:mm:ss[.fffffff][Z]</c> as UTC.</summary>
    private static bool TryParseNaiveUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 0 && text[^1] == (byte)'Z')
        {
            text = text[..^1];
        }

        if (text.Length < 19
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] is not ((byte)'T' or (byte)' ')
            || text[13] != (byte)':' || text[16] != (byte)':'
            || !TryParseDigits(text[..4], out var year) || !TryParseDigits(text[5..7], out var month)
            || !TryParseDigits(text[8..10], out var day) || !TryParseDigits(text[11..13], out var hour)
            || !TryParseDigits(text[14..16], out var minute) || !TryParseDigits(text[17..19], out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (text.Length > 19)
        {
            // At most 7 digits: one tick is the finest DateTimeOffset can hold.
            var fraction = text[20..];
            if (text[19] != (byte)'.' || fraction.Length is 0 or > 7 || !TryParseDigits(fraction, out var digits))
            {
                return false;
            }

            fractionTicks = digits;
            for (var i = fraction.Length; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(fractionTicks);
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
