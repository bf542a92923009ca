using System.Globalization;
using System.Text;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>
/// Seeded payloads for a <see cref="FastPathCase"/>, in one of the <see cref="PayloadProfile"/>s: random key order, level
/// counts 0..100, decimals long and short, negative, every spelling of zero, numbers or strings, nulls where the model
/// allows them, unknown keys with scalar and nested values. The same seed always yields the same payloads.
/// </summary>
internal sealed class RandomPayloads(int seed)
{
    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    private static readonly string[] Symbols = ["SOL_USDC", "BTC_USDC_PERP", "ETH_USDC", "USDT_USDC", "SOL_USDC_RFQ", "ETH", "USDC"];
    private static readonly string[] ZeroSpellings = ["\"0\"", "\"0.00\"", "\"0.000\"", "\"0.00000\"", "0", "0.0", "\"0E-8\"", "\"-0\"", "-0", "\"-0.0\""];
    private static readonly string[] OddDecimals = ["\"5.\"", "\".5\"", "\"+1\"", "\"1,5\"", "\"NaN\"", "\"\"", "\"abc\"", "\"1e-7\"", "1E+2", "-1.5e-7", "1e400", "\"79228162514264337593543950336\"", "\"1.2.3\"", "\"-\"", "\"0x10\""];
    private static readonly string[] OddIntegers = ["\"-0\"", "\"\"", "\"1.0\"", "1.5", "\"0001\"", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "\"-9223372036854775809\"", "18446744073709551616", "1E3", "\"12a\""];
    private static readonly string[] OddTimes = ["0", "-1", "\"1790915531026313\"", "1.7909155310263E15", "9223372036854775807", "-62135596800000001", "253402300799999999", "253402300800000000"];
    private static readonly string[] WrongKinds = ["true", "false", "null", "[]", "{}", "[1]", "{\"a\":1}", "42", "\"x\""];
    private static readonly string[] UnknownEnums = ["STOP_LIMIT", "Rejected", "orderTeleported", "GTD", "", "_", "x_y_z", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ"];
    private static readonly string[] LongKeys = ["id", "stream", "xx", "ee", "E1", "symbol", ""];
    private static readonly string[] BadNumbers = ["01", "1.", "-", "+1", ".5", "1e", "--1", "0x1", "1.e5"];
    private static readonly string[] Whitespace = [" ", "\n", "\t", "\r\n", "  "];

    /// <summary>Odd symbols of 0 to 71 printable ASCII characters (some longer than the cache keeps), the same every run.</summary>
    private static readonly string[] OddSymbols = [.. Enumerable.Range(0, 24).Select(i => new RandomPayloads(i).AsciiText(i * 3))];

    private readonly Random _random = new(seed);
    private PayloadProfile _profile;

    /// <summary>The next payload for <paramref name="fastPathCase"/> in <paramref name="profile"/>.</summary>
    public byte[] Next(FastPathCase fastPathCase, PayloadProfile profile)
    {
        // A third of the noisy payloads come without noise, so that long payloads are not all declined.
        _profile = profile == PayloadProfile.Noisy && _random.Next(3) == 0 ? PayloadProfile.Compact : profile;
        profile = _profile;
        var members = new List<(string Key, string Value)>();
        foreach (var field in fastPathCase.Fields)
        {
            var present = field.Required ? profile == PayloadProfile.Wire || _random.Next(40) != 0 : _random.Next(3) != 0;
            if (present)
            {
                members.Add((field.Key, Value(field)));
            }
        }

        if (!fastPathCase.Fields.Any(f => f.Key == "e"))
        {
            members.Add(("e", Text(fastPathCase.Name)));
        }

        var unknown = _random.Next(profile == PayloadProfile.Wire ? 2 : 4);
        for (var i = 0; i < unknown; i++)
        {
            members.Add((UnknownKey(fastPathCase), UnknownValue(_random.Next(profile == PayloadProfile.Wire ? 2 : 5))));
        }

        if (profile != PayloadProfile.Wire && _random.Next(8) == 0)
        {
            // A duplicate key: the last one wins on both paths, but the first must still be valid.
            var field = fastPathCase.Fields[_random.Next(fastPathCase.Fields.Count)];
            members.Add((field.Key, Value(field)));
        }

        for (var i = members.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (members[i], members[j]) = (members[j], members[i]);
        }

        var noisy = profile == PayloadProfile.Noisy;
        var text = new StringBuilder(Space(noisy)).Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(Space(noisy)).Append(Text(members[i].Key))
                .Append(Space(noisy)).Append(':').Append(Space(noisy)).Append(members[i].Value).Append(Space(noisy));
        }

        return Encoding.UTF8.GetBytes(text.Append('}').Append(Space(noisy)).ToString());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private bool Odd(int oneIn) => _profile != PayloadProfile.Wire && _random.Next(oneIn) == 0;

    private string Space(bool noisy) => noisy && _random.Next(12) == 0 ? Whitespace[_random.Next(Whitespace.Length)] : string.Empty;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    /// <summary>A JSON string; in the noisy profile sometimes with an escape or a non-ASCII character.</summary>
    private string Text(string value)
    {
        if (_profile == PayloadProfile.Noisy && value.Length > 0 && _random.Next(15) == 0)
        {
            var at = _random.Next(value.Length);
            var escaped = _random.Next(3) switch
            {
                0 => Invariant($"\\u{(int)value[at]:X4}"),
                1 => "\\/" + value[at],
                _ => "\u00e9",
            };
            return "\"" + value[..at] + escaped + value[(at + 1)..] + "\"";
        }

        return "\"" + value + "\"";
    }

    private string Value(PayloadField field)
    {
        if (Odd(60))
        {
            return Pick(WrongKinds);
        }

        return field.Kind switch
        {
            FieldKind.Symbol => SymbolValue(),
            FieldKind.NullableSymbol => _random.Next(4) == 0 ? "null" : SymbolValue(),
            FieldKind.NullableString => _random.Next(4) == 0 ? "null" : Text(AsciiText(_random.Next(0, 12))),
            FieldKind.Microseconds => Odd(10) ? Pick(OddTimes) : Integer(1_690_000_000_000_000 + _random.NextInt64(200_000_000_000_000)),
            FieldKind.Int64 => IntegerValue(),
            FieldKind.NullableInt64 => _random.Next(3) == 0 ? "null" : IntegerValue(),
            FieldKind.Decimal => DecimalValue(),
            FieldKind.NullableDecimal => _random.Next(4) == 0 ? "null" : DecimalValue(),
            FieldKind.Boolean => _random.Next(2) == 0 ? "true" : "false",
            FieldKind.NullableBoolean => _random.Next(3) == 0 ? "null" : _random.Next(2) == 0 ? "true" : "false",
            FieldKind.Enum => EnumValue(field.Names!),
            FieldKind.NullableEnum => _random.Next(4) == 0 ? "null" : EnumValue(field.Names!),
            FieldKind.Levels => LevelsValue(),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    /// <summary>
    /// A symbol: a real one, or (off the wire) one of a few odd ones. Few, because the string cache is process-wide and
    /// bounded: thousands of random symbols would fill it for the tests that run after these.
    /// </summary>
    private string SymbolValue() =>
        Text(Odd(5) ? OddSymbols[_random.Next(OddSymbols.Length)] : Pick(Symbols));

    private string AsciiText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            char c;
            do
            {
                c = (char)_random.Next(0x20, 0x7F);
            }
            while (c is '"' or '\\');
            chars[i] = c;
        }

        return new string(chars);
    }

    private string Integer(long value) => _random.Next(5) == 0 ? Text(value.ToString(CultureInfo.InvariantCulture)) : value.ToString(CultureInfo.InvariantCulture);

    private string IntegerValue()
    {
        if (Odd(8))
        {
            return Pick(OddIntegers);
        }

        var digits = _random.Next(1, 12);
        var value = _random.NextInt64((long)Math.Pow(10, digits - 1), (long)Math.Pow(10, digits));
        return Integer(Odd(10) ? -value : value);
    }

    private string DecimalValue()
    {
        if (Odd(12))
        {
            return Pick(OddDecimals);
        }

        if (_random.Next(20) == 0)
        {
            return Pick(ZeroSpellings);
        }

        // Long ones: within decimal's 28 digits on the wire, beyond it (rounded or out of range) otherwise.
        var text = _random.Next(15) != 0 ? Digits(_random.Next(1, 7), _random.Next(0, 9))
            : _profile == PayloadProfile.Wire ? Digits(_random.Next(1, 15), _random.Next(0, 14))
            : Digits(_random.Next(1, 30), _random.Next(0, 30));
        if (_random.Next(30) == 0)
        {
            text = "-" + text;
        }

        return _random.Next(6) == 0 ? text : Text(text);
    }

    /// <summary>A decimal in the JSON number grammar: no leading zeros, a fraction only with digits.</summary>
    private string Digits(int integerDigits, int fractionDigits)
    {
        var text = new StringBuilder();
        text.Append(integerDigits == 1 && _random.Next(3) == 0 ? '0' : (char)('1' + _random.Next(9)));
        for (var i = 1; i < integerDigits && text[0] != '0'; i++)
        {
            text.Append((char)('0' + _random.Next(10)));
        }

        if (fractionDigits > 0)
        {
            text.Append('.');
            for (var i = 0; i < fractionDigits; i++)
            {
                // Trailing zeros are common on the wire (the scale is the market's step), and must survive.
                text.Append(_random.Next(4) == 0 ? '0' : (char)('0' + _random.Next(10)));
            }
        }

        return text.ToString();
    }

    private string EnumValue(string[] names)
    {
        if (Odd(6))
        {
            return _random.Next(5) == 0 ? Pick(WrongKinds) : Text(Pick(UnknownEnums));
        }

        var name = Pick(names);
        if (Odd(4))
        {
            // Any case and underscores: still the same member.
            name = _random.Next(3) switch
            {
                0 => name.ToUpperInvariant(),
                1 => name.ToLowerInvariant(),
                _ => name.Replace("_", string.Empty, StringComparison.Ordinal) + "_",
            };
        }

        return Text(name);
    }

    private string LevelsValue()
    {
        var count = _random.Next(4) == 0 ? _random.Next(0, 101) : _random.Next(0, 6);
        var levels = new string[count];
        for (var i = 0; i < count; i++)
        {
            levels[i] = Odd(80)
                ? Pick(["[]", "[\"1\"]", "[\"1\",\"2\",\"3\"]", "null", "{\"p\":\"1\"}", "[[\"1\",\"2\"]]", "[\"1\",null]"])
                : "[" + DecimalValue() + "," + DecimalValue() + "]";
        }

        return "[" + string.Join(",", levels) + "]";
    }

    private string UnknownKey(FastPathCase fastPathCase)
    {
        if (_random.Next(3) == 0)
        {
            return Pick(LongKeys);
        }

        char key;
        do
        {
            key = KeyAlphabet[_random.Next(KeyAlphabet.Length)];
        }
        while (fastPathCase.Fields.Any(f => f.Key[0] == key && f.Key.Length == 1) || key == 'e');
        return key.ToString();
    }

    private string UnknownValue(int depth)
    {
        if (_profile == PayloadProfile.Noisy && _random.Next(25) == 0)
        {
            // Deeper than the scanner skips (16), but within the reader's 64; or a number outside the grammar.
            return _random.Next(2) == 0 ? new string('[', 20) + new string(']', 20) : Pick(BadNumbers);
        }

        if (depth == 0 || _random.Next(3) != 0)
        {
            return _random.Next(6) switch
            {
                0 => Text(AsciiText(_random.Next(0, 20))),
                1 => Digits(_random.Next(1, 5), _random.Next(0, 4)),
                2 => "true",
                3 => "false",
                4 => "null",
                _ => "-" + Digits(1, 2) + "e" + _random.Next(-9, 10).ToString(CultureInfo.InvariantCulture),
            };
        }

        var count = _random.Next(0, 4);
        var items = new string[count];
        var isObject = _random.Next(2) == 0;
        for (var i = 0; i < count; i++)
        {
            items[i] = (isObject ? Text(AsciiText(_random.Next(0, 3))) + ":" : string.Empty) + UnknownValue(depth - 1);
        }

        return (isObject ? "{" : "[") + string.Join(",", items) + (isObject ? "}" : "]");
    }
}
