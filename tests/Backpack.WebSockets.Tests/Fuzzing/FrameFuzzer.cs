using System.Text;
using System.Text.Json;

namespace Backpack.WebSockets.Tests.Fuzzing;

/// <summary>
/// A seeded generator of bad input: random bytes, truncations, byte mutations, wrong types, duplicate keys, deep nesting,
/// extreme numbers and invalid UTF-8, mostly derived from a valid JSON object (a golden payload or frame) so that the
/// mutations reach deep into the parsers. The same seed always yields the same cases.
/// </summary>
internal sealed class FrameFuzzer
{
    /// <summary>Values that are the wrong type, out of range, or just odd, for any field.</summary>
    private static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "-1.5e-7", "1e400", "-1e400", "1E+2",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "79228162514264337593543950336", "-79228162514264337593543950336", "123456789012345678901234567890.123456789",
        "0.00000000000000000000000000000000001",
        "\"\"", "\" \"", "\"-1\"", "\"1e400\"", "\"9223372036854775808\"", "\"79228162514264337593543950336\"",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"0x10\"", "\"1,5\"", "\"1_000\"", "\"+1\"", "\" 1\"", "\"1 \"",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\u00e9t\\u00e9\"", "\"2025-13-45T99:99:99\"", "\"2025-08-07T00:00:00\"",
        "\"Bid\"", "\"Ask\"", "\"New\"", "\"Filled\"", "\"orderFill\"", "\"SOL_USDC\"",
        "[]", "{}", "[[]]", "[[\"1\"]]", "[[\"1\",\"2\",\"3\"]]", "[[\"x\",\"1\"]]", "[[1,2]]", "[\"1\",\"2\"]", "[null]",
        "{\"a\":1}", "[{}]",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF0, 0x9F],
    ];

    private readonly Random _random;

    public FrameFuzzer(int seed) => _random = new Random(seed);

    /// <summary>The kinds of damage, to report which one broke a parser.</summary>
    public enum Strategy
    {
        RandomBytes,
        Truncate,
        FlipBytes,
        InsertBytes,
        DeleteRange,
        WrongValue,
        DuplicateKey,
        DeepNesting,
        InvalidUtf8,
        RandomObject,
        DropKeys,
        NestedWrongValue,
    }

    /// <summary>Damages <paramref name="seed"/> (a valid JSON object) one random way.</summary>
    public byte[] Next(string seed, out Strategy strategy)
    {
        strategy = (Strategy)_random.Next(Enum.GetValues<Strategy>().Length);
        return Apply(strategy, seed);
    }

    public byte[] Apply(Strategy strategy, string seed)
    {
        var bytes = Encoding.UTF8.GetBytes(seed);
        return strategy switch
        {
            Strategy.RandomBytes => RandomBytes(),
            Strategy.Truncate => bytes[.._random.Next(bytes.Length)],
            Strategy.FlipBytes => FlipBytes(bytes),
            Strategy.InsertBytes => InsertBytes(bytes),
            Strategy.DeleteRange => DeleteRange(bytes),
            Strategy.WrongValue => Utf8(EditProperties(seed, ReplaceValue)),
            Strategy.DuplicateKey => Utf8(EditProperties(seed, DuplicateKey)),
            Strategy.DeepNesting => Utf8(EditProperties(seed, Nest)),
            Strategy.InvalidUtf8 => InsertInvalidUtf8(bytes),
            Strategy.RandomObject => Utf8(RandomObject(seed)),
            Strategy.DropKeys => Utf8(EditProperties(seed, DropKeys)),
            Strategy.NestedWrongValue => Utf8(EditNested(seed)),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private byte[] RandomBytes()
    {
        var length = _random.Next(0, 160);
        var bytes = new byte[length];
        if (_random.Next(2) == 0)
        {
            _random.NextBytes(bytes);
        }
        else
        {
            // JSON-ish alphabet: far more likely to get past the first token.
            const string alphabet = "{}[]\":,0123456789-+.eEtrufalsn \\abcdsSpqETu";
            for (var i = 0; i < length; i++)
            {
                bytes[i] = (byte)alphabet[_random.Next(alphabet.Length)];
            }
        }

        return bytes;
    }

    private byte[] FlipBytes(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var flips = _random.Next(1, 5);
        for (var i = 0; i < flips && copy.Length > 0; i++)
        {
            copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
        }

        return copy;
    }

    private byte[] InsertBytes(byte[] bytes)
    {
        var at = _random.Next(bytes.Length + 1);
        var insert = new byte[_random.Next(1, 4)];
        const string structural = "{}[]\",:\\";
        for (var i = 0; i < insert.Length; i++)
        {
            insert[i] = _random.Next(2) == 0 ? (byte)structural[_random.Next(structural.Length)] : (byte)_random.Next(256);
        }

        return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at)];
    }

    private byte[] DeleteRange(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var at = _random.Next(bytes.Length);
        var length = _random.Next(1, Math.Min(12, bytes.Length - at) + 1);
        return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + length)];
    }

    private byte[] InsertInvalidUtf8(byte[] bytes)
    {
        // Prefer the inside of a string value, where a parser reads text.
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToArray();
        var at = quotes.Length > 0 ? quotes[_random.Next(quotes.Length)] + 1 : _random.Next(bytes.Length + 1);
        var bad = InvalidUtf8[_random.Next(InvalidUtf8.Length)];
        return [.. bytes.AsSpan(0, at), .. bad, .. bytes.AsSpan(at)];
    }

    private string RandomValue(int depth = 0)
    {
        if (depth < 3 && _random.Next(6) == 0)
        {
            var count = _random.Next(0, 4);
            var items = Enumerable.Range(0, count).Select(_ => RandomValue(depth + 1));
            return _random.Next(2) == 0 ? "[" + string.Join(",", items) + "]" : "{" + string.Join(",", items.Select((v, i) => $"\"k{i}\":{v}")) + "}";
        }

        return OddValues[_random.Next(OddValues.Length)];
    }

    private string Nested()
    {
        var depth = _random.Next(1, 400);
        var open = _random.Next(2) == 0 ? "[" : "{\"x\":";
        var close = open == "[" ? "]" : "}";
        var inner = _random.Next(4) == 0 ? string.Empty : "1";
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }

    private void ReplaceValue(List<KeyValuePair<string, string>> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        var index = _random.Next(properties.Count);
        properties[index] = new(properties[index].Key, RandomValue());
    }

    private void DuplicateKey(List<KeyValuePair<string, string>> properties)
    {
        if (properties.Count == 0)
        {
            return;
        }

        var original = properties[_random.Next(properties.Count)];
        var value = _random.Next(2) == 0 ? original.Value : RandomValue();
        properties.Insert(_random.Next(properties.Count + 1), new(original.Key, value));
    }

    private void Nest(List<KeyValuePair<string, string>> properties)
    {
        if (properties.Count == 0 || _random.Next(4) == 0)
        {
            properties.Add(new("deep", Nested()));
            return;
        }

        var index = _random.Next(properties.Count);
        properties[index] = new(properties[index].Key, Nested());
    }

    private void DropKeys(List<KeyValuePair<string, string>> properties)
    {
        var drops = _random.Next(1, 3);
        for (var i = 0; i < drops && properties.Count > 0; i++)
        {
            properties.RemoveAt(_random.Next(properties.Count));
        }
    }

    private string RandomObject(string seed)
    {
        // The seed's keys with random values: reaches every field reader with every odd value.
        var keys = Properties(seed).Select(p => p.Key).ToArray();
        var count = _random.Next(0, keys.Length + 3);
        var body = Enumerable.Range(0, count).Select(_ =>
        {
            var key = keys.Length > 0 && _random.Next(5) != 0 ? keys[_random.Next(keys.Length)] : "z" + _random.Next(10);
            return $"{JsonSerializer.Serialize(key)}:{RandomValue()}";
        });
        return "{" + string.Join(",", body) + "}";
    }

    /// <summary>For a frame: damages the <c>data</c> object inside an otherwise valid envelope.</summary>
    private string EditNested(string seed)
    {
        var properties = Properties(seed);
        var data = properties.FindIndex(p => p.Key == "data");
        if (data < 0)
        {
            return EditProperties(seed, ReplaceValue);
        }

        var inner = properties[data].Value;
        properties[data] = new("data", _random.Next(3) switch
        {
            0 => EditProperties(inner, ReplaceValue),
            1 => EditProperties(inner, DuplicateKey),
            _ => RandomObject(inner),
        });
        return Write(properties);
    }

    private string EditProperties(string seed, Action<List<KeyValuePair<string, string>>> edit)
    {
        var properties = Properties(seed);
        edit(properties);
        return Write(properties);
    }

    private static List<KeyValuePair<string, string>> Properties(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetRawText())).ToList()
            : [];
    }

    private static string Write(List<KeyValuePair<string, string>> properties) =>
        "{" + string.Join(",", properties.Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value}")) + "}";
}
