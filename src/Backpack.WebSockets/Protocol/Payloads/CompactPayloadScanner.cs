using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>
/// The fast path of <see cref="IFieldReader"/>: a forward scanner over the compact JSON the server sends, without
/// <see cref="System.Text.Json.Utf8JsonReader"/> (whose per-token cost, paid once to tokenize and again to read the value,
/// was most of a parse). It reads one object, brace to brace, of properties whose values are strings, numbers,
/// <c>true</c>, <c>false</c>, <c>null</c> or (for depth levels) arrays of two-element arrays, with objects and arrays
/// also skipped as the values of keys no parser reads, and converts each value with the same <see cref="JsonFields"/>
/// helpers as the general path.
/// </summary>
/// <remarks>
/// <para>
/// Contract: it never throws and never accepts what the general path rejects. Anything outside its subset, or anything
/// the general path would reject, makes it decline: the read returns a default, every later <see cref="NextProperty"/>
/// returns <see langword="false"/>, and <see cref="TryParse{T}"/> reports <see langword="false"/> so that the caller
/// parses the payload again with <see cref="JsonFieldReader"/>, which accepts or throws as it always did.
/// </para>
/// <para>
/// Declined: whitespace anywhere; any byte after the closing brace; strings with an escape, a control character or a
/// byte of 0x80 or above (the wire is ASCII; this also spares validating UTF-8); an object or array where a parser reads
/// a scalar, or nested deeper than 16 levels in a value no parser reads; a depth level that is not a two-element array;
/// values of the wrong kind; numbers outside the JSON grammar and text the converters refuse; a missing required field;
/// a Unix time out of range.
/// </para>
/// </remarks>
internal ref struct CompactPayloadScanner : IFieldReader
{
    /// <summary>Objects and arrays nested deeper than this in a skipped value are declined (the envelope allows 64 in all).</summary>
    private const int MaxNesting = 16;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private bool _declined;
    private bool _ended;

    /// <summary>Starts on <paramref name="data"/>, the payload object brace to brace.</summary>
    public CompactPayloadScanner(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 1;
        _declined = data.Length < 2 || data[0] != (byte)'{';
    }

    /// <summary>A parser body instantiated for this scanner.</summary>
    public delegate T Reader<T>(ref CompactPayloadScanner scanner);

    /// <summary>The kinds of scalar the scanner reads.</summary>
    private enum Token : byte
    {
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>Whether the object was read to its closing brace, which ends the data, without declining.</summary>
    public readonly bool Completed => _ended && !_declined;

    /// <summary>
    /// Parses <paramref name="data"/> with <paramref name="read"/> on the fast path; <see langword="false"/> (and
    /// <paramref name="result"/> <see langword="null"/>) when the scanner declined, in which case the general path must
    /// decide.
    /// </summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> data, Reader<T> read, [NotNullWhen(true)] out T? result)
        where T : class
    {
        var scanner = new CompactPayloadScanner(data);
        var parsed = read(ref scanner);
        result = scanner.Completed ? parsed : null;
        return result is not null;
    }

    /// <summary>
    /// Measures the JSON object at the start of <paramref name="json"/>: <see langword="true"/> with its length in bytes
    /// if it is a valid object in the scanner's subset (any nesting up to 16 levels), <see langword="false"/> if it is
    /// not or the scanner cannot tell. Lets the envelope cut out <c>data</c> without tokenizing it with
    /// <see cref="System.Text.Json.Utf8JsonReader"/>.
    /// </summary>
    public static bool TryMeasureObject(ReadOnlySpan<byte> json, out int length)
    {
        length = json.IsEmpty || json[0] != (byte)'{' ? -1 : EndOfValue(json, 0);
        return length > 0;
    }

    public bool NextProperty(out byte key)
    {
        key = 0;
        if (_declined)
        {
            return false;
        }

        var data = _data;
        var i = _position;
        if ((uint)i >= (uint)data.Length)
        {
            return Decline();
        }

        // Between properties a comma; the first one follows the brace directly.
        if (data[i] == (byte)',' && i != 1)
        {
            i++;
        }
        else if (data[i] == (byte)'}')
        {
            _ended = i == data.Length - 1;
            _declined |= !_ended;
            return false;
        }
        else if (i != 1)
        {
            return Decline();
        }

        // Every Backpack key is one character: take it without a scan. Longer keys give 0, as on the general path.
        if ((uint)(i + 3) < (uint)data.Length && data[i] == (byte)'"' && data[i + 2] == (byte)'"' && data[i + 3] == (byte)':'
            && IsPlain(data[i + 1]))
        {
            key = data[i + 1];
            _position = i + 4;
            return true;
        }

        _position = i;
        if (!TryReadToken(out var token, out _) || token != Token.String
            || (uint)_position >= (uint)data.Length || data[_position] != (byte)':')
        {
            return Decline();
        }

        _position++;
        return true;
    }

    public void SkipValue() => SkipValueCore();

    public long ReadInt64(string field) =>
        TryReadToken(out var token, out var text) && token is Token.Number or Token.String
            && JsonFields.TryParseInt64(text, out var value)
            ? value
            : Fail<long>();

    public long? ReadNullableInt64(string field) => IsNull() ? null : ReadInt64(field);

    public decimal ReadDecimal(string field) =>
        TryReadToken(out var token, out var text) && token is Token.Number or Token.String
            && JsonFields.TryParseDecimal(text, out var value)
            ? value
            : Fail<decimal>();

    public decimal? ReadNullableDecimal(string field) => IsNull() ? null : ReadDecimal(field);

    public DateTimeOffset ReadMicroseconds(string field) =>
        JsonFields.TryFromUnix(ReadInt64(field), TimeSpan.TicksPerMicrosecond, out var time) ? time : Fail<DateTimeOffset>();

    public bool ReadBoolean(string field) =>
        TryReadToken(out var token, out _) && token is Token.True or Token.False ? token == Token.True : Fail<bool>();

    public bool? ReadNullableBoolean(string field) => IsNull() ? null : ReadBoolean(field);

    // ASCII is valid UTF-8, so the cache never refuses it; longer strings than it keeps are allocated, as on the general path.
    public string ReadInterned(string field) =>
        TryReadToken(out var token, out var text) && token == Token.String ? StringCache.Get(text)! : Fail<string>();

    public string? ReadNullableInterned(string field) => IsNull() ? null : ReadInterned(field);

    public string? ReadNullableString(string field) =>
        IsNull() ? null
        : TryReadToken(out var token, out var text) && token == Token.String ? Encoding.UTF8.GetString(text)
        : Fail<string>();

    public T ReadEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum =>
        TryReadToken(out var token, out var text) && token == Token.String ? JsonFields.MapEnum(text, map) : Fail<T>();

    public T? ReadNullableEnum<T>(string field, Func<ReadOnlySpan<char>, T> map)
        where T : struct, Enum => IsNull() ? null : ReadEnum(field, map);

    public PriceLevel[] ReadPriceLevels(string field)
    {
        if (!TrySkip((byte)'['))
        {
            return Fail<PriceLevel[]>();
        }

        var levels = PriceLevelBuffer.Start();
        if (TrySkip((byte)']'))
        {
            return levels.ToArray();
        }

        do
        {
            if (!TrySkip((byte)'['))
            {
                return Fail<PriceLevel[]>();
            }

            var price = ReadDecimal(field);
            var quantity = TrySkip((byte)',') ? ReadDecimal(field) : Fail<decimal>();
            if (_declined || !TrySkip((byte)']'))
            {
                return Fail<PriceLevel[]>();
            }

            levels.Add(new PriceLevel(price, quantity));
        }
        while (TrySkip((byte)','));

        return TrySkip((byte)']') ? levels.ToArray() : Fail<PriceLevel[]>();
    }

    public T Required<T>(T? value, string field)
        where T : struct => value ?? Fail<T>();

    public string Required(string? value, string field) => value ?? Fail<string>();

    public PriceLevel[] Required(PriceLevel[]? value, string field) => value ?? Fail<PriceLevel[]>();

    /// <summary>A string byte taken as is: printable ASCII but the quote and the backslash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain(byte b) => (uint)(b - 0x20) < 0x60 && b != (byte)'"' && b != (byte)'\\';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(ReadOnlySpan<byte> data, int i) => (uint)i < (uint)data.Length && (uint)(data[i] - '0') <= 9;

    /// <summary>
    /// Where the scalar starting at <paramref name="start"/> ends (the index after it), and its kind: a string of plain
    /// bytes (<see cref="IsPlain"/>), a number in the JSON grammar or a literal; -1 for anything else. What follows the
    /// value is checked by the caller's next step, as a JSON reader checks for a delimiter.
    /// </summary>
    private static int EndOfScalar(ReadOnlySpan<byte> data, int start, out Token token)
    {
        token = Token.String;
        if ((uint)start >= (uint)data.Length)
        {
            return -1;
        }

        var first = data[start];
        if (first == (byte)'"')
        {
            return EndOfString(data, start + 1);
        }

        if (first == (byte)'-' || (uint)(first - '0') <= 9)
        {
            token = Token.Number;
            return EndOfNumber(data, start);
        }

        token = first switch { (byte)'t' => Token.True, (byte)'f' => Token.False, _ => Token.Null };
        var literal = first switch { (byte)'t' => "true"u8, (byte)'f' => "false"u8, (byte)'n' => "null"u8, _ => default };
        return !literal.IsEmpty && data[start..].StartsWith(literal) ? start + literal.Length : -1;
    }

    /// <summary>
    /// Where the string whose text starts at <paramref name="i"/> ends (after its closing quote), or -1 if a byte that is
    /// not <see cref="IsPlain"/> comes first. A byte at a time: wire strings are a few bytes, and an eight-byte (SWAR)
    /// scan measured twice as slow on depth and order payloads.
    /// </summary>
    private static int EndOfString(ReadOnlySpan<byte> data, int i)
    {
        for (; (uint)i < (uint)data.Length; i++)
        {
            var b = data[i];
            if (!IsPlain(b))
            {
                return b == (byte)'"' ? i + 1 : -1;
            }
        }

        return -1;
    }

    /// <summary><c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, as <see cref="System.Text.Json.Utf8JsonReader"/> accepts.</summary>
    private static int EndOfNumber(ReadOnlySpan<byte> data, int start)
    {
        var i = data[start] == (byte)'-' ? start + 1 : start;
        if (!IsDigit(data, i))
        {
            return -1;
        }

        // A leading zero stands alone: "01" ends the number after the 0, and the 1 then fails the caller's next step.
        if (data[i++] != (byte)'0')
        {
            while (IsDigit(data, i))
            {
                i++;
            }
        }

        if ((uint)i < (uint)data.Length && data[i] == (byte)'.')
        {
            if (!IsDigit(data, ++i))
            {
                return -1;
            }

            while (IsDigit(data, i))
            {
                i++;
            }
        }

        if ((uint)i < (uint)data.Length && (data[i] | 0x20) == (byte)'e')
        {
            i++;
            if ((uint)i < (uint)data.Length && data[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!IsDigit(data, i))
            {
                return -1;
            }

            while (IsDigit(data, i))
            {
                i++;
            }
        }

        return i;
    }

    private bool Decline()
    {
        _declined = true;
        return false;
    }

    private T Fail<T>()
    {
        _declined = true;
        return default!;
    }

    /// <summary>Consumes <paramref name="expected"/> if it is the next byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TrySkip(byte expected)
    {
        if ((uint)_position < (uint)_data.Length && _data[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Consumes a <c>null</c> if it is the next value.</summary>
    private bool IsNull()
    {
        if (_data[_position..].StartsWith("null"u8))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads one scalar (<see cref="EndOfScalar"/>): a string gives its bytes between the quotes, others their text.</summary>
    private bool TryReadToken(out Token token, out ReadOnlySpan<byte> text)
    {
        var start = _position;
        var end = EndOfScalar(_data, start, out token);
        if (end < 0 || _declined)
        {
            text = default;
            return Decline();
        }

        text = token == Token.String ? _data[(start + 1)..(end - 1)] : _data[start..end];
        _position = end;
        return true;
    }

    /// <summary>Skips the value of a key no parser reads, objects and arrays included (<see cref="EndOfValue"/>).</summary>
    private void SkipValueCore()
    {
        var end = EndOfValue(_data, _position);
        if (end < 0)
        {
            _declined = true;
        }
        else
        {
            _position = end;
        }
    }

    /// <summary>
    /// Where the value starting at <paramref name="start"/> ends: a scalar, or an object or array of values (keys strings)
    /// nested up to <see cref="MaxNesting"/> levels; -1 for anything else. One loop with a bit per open level (set for an
    /// object) instead of recursion.
    /// </summary>
    private static int EndOfValue(ReadOnlySpan<byte> data, int start)
    {
        var i = start;
        var objects = 0u;
        var depth = 0;
        while (true)
        {
            // At a value: open a level, or step over a scalar.
            if ((uint)i >= (uint)data.Length)
            {
                return -1;
            }

            var b = data[i];
            if (b is (byte)'{' or (byte)'[')
            {
                if (depth == MaxNesting + 1)
                {
                    return -1;
                }

                objects = (objects << 1) | (b == (byte)'{' ? 1u : 0u);
                depth++;
                i++;
                if ((uint)i < (uint)data.Length && data[i] == (byte)(b + 2))
                {
                    // Empty: close it at once.
                    i++;
                    objects >>= 1;
                    depth--;
                }
                else
                {
                    if (!TryStepOverKey(data, ref i, objects))
                    {
                        return -1;
                    }

                    continue;
                }
            }
            else
            {
                i = EndOfScalar(data, i, out _);
                if (i < 0)
                {
                    return -1;
                }
            }

            // After a value: the next member, or the end of one or more levels.
            while (true)
            {
                if (depth == 0)
                {
                    return i;
                }

                if ((uint)i >= (uint)data.Length)
                {
                    return -1;
                }

                b = data[i++];
                if (b == (byte)',')
                {
                    if (!TryStepOverKey(data, ref i, objects))
                    {
                        return -1;
                    }

                    break;
                }

                if (b != ((objects & 1) != 0 ? (byte)'}' : (byte)']'))
                {
                    return -1;
                }

                objects >>= 1;
                depth--;
            }
        }
    }

    /// <summary>Inside an object (low bit of <paramref name="objects"/> set), steps over a member's key and colon.</summary>
    private static bool TryStepOverKey(ReadOnlySpan<byte> data, ref int i, uint objects)
    {
        if ((objects & 1) == 0)
        {
            return true;
        }

        if ((uint)i >= (uint)data.Length || data[i] != (byte)'"')
        {
            return false;
        }

        var end = EndOfScalar(data, i, out _);
        if (end < 0 || (uint)end >= (uint)data.Length || data[end] != (byte)':')
        {
            return false;
        }

        i = end + 1;
        return true;
    }
}
