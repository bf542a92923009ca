using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>Rules every payload parser follows: key order, unknown keys, required fields and malformed input.</summary>
public class PayloadParserContractTests
{
    public static TheoryData<string> Names => ParserCases.Names();

    public static TheoryData<string> NamesWithTime => ParserCases.NamesWithTime();

    public static TheoryData<string, string> RequiredFields => ParserCases.RequiredFields();

    public static TheoryData<string, string> MalformedPayloads()
    {
        string[] payloads =
        [
            "",
            " ",
            "null",
            "[]",
            "\"text\"",
            "42",
            "{",
            "{\"s\":",
            "{\"s\":\"SOL_USDC\"",
            "{\"s\":\"SOL_USDC\",}",
            "{'s':'SOL_USDC'}",
            "{\"s\":\"SOL_USDC\"}}",
            "{\"s\":\"SOL_USDC\"} trailing",
            "{} {}",
            "{\"a\":[1,2}",
        ];
        var data = new TheoryData<string, string>();
        foreach (var name in ParserCases.All.Select(c => c.Name))
        {
            foreach (var payload in payloads)
            {
                data.Add(name, payload);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_KeysInReverseOrder_SameResult(string name)
    {
        var parserCase = ParserCases.Get(name);
        var inOrder = parserCase.Parse(SpecFrames.DataOf(parserCase.Frame));

        var reversed = parserCase.Parse(SpecFrames.EditData(parserCase.Frame, p => Enumerable.Reverse(p)));

        AssertSameModel(inOrder, reversed);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_UnknownKeysOfEveryShape_Ignored(string name)
    {
        var parserCase = ParserCases.Get(name);
        var expected = parserCase.Parse(SpecFrames.DataOf(parserCase.Frame));

        var withExtras = parserCase.Parse(SpecFrames.EditData(parserCase.Frame, p => p.Prepend(new("zz", "{\"p\":\"1\",\"s\":[1,{\"E\":null}]}"))
            .Append(new("extra", "[[\"1\",\"2\"],[]]"))
            .Append(new("x", "null"))
            .Append(new("EE", "\"not the event time\""))
            .Append(new("flag", "true"))
            .Append(new("n2", "-1.5e10"))));

        AssertSameModel(expected, withExtras);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_WhitespaceAroundTokens_SameResult(string name)
    {
        var parserCase = ParserCases.Get(name);
        var expected = parserCase.Parse(SpecFrames.DataOf(parserCase.Frame));
        var pretty = System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonDocument.Parse(SpecFrames.DataOf(parserCase.Frame)).RootElement,
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        var actual = parserCase.Parse(SpecFrames.Utf8("\n  " + pretty + "\r\n\t"));

        AssertSameModel(expected, actual);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Parse_RequiredFieldMissing_ThrowsNamingField(string name, string key)
    {
        var ex = Assert.Throws<PayloadFormatException>(() => ParserCases.Get(name).Parse(SpecFrames.WithField(ParserCases.Get(name).Frame, key, null)));

        Assert.Contains($"'{key}'", ex.Message);
        Assert.Contains($"Malformed {name} payload", ex.Message);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Parse_RequiredFieldWrongTokenType_ThrowsNamingField(string name, string key)
    {
        // An object fits no field: not a number, string, bool or level array.
        AssertRejected(name, key, "{\"v\":1}");
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Parse_RequiredFieldNull_ThrowsNamingField(string name, string key)
    {
        AssertRejected(name, key, "null");
    }

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public void Parse_MalformedJson_ThrowsPayloadFormatException(string name, string payload)
    {
        var parserCase = ParserCases.Get(name);

        Assert.Throws<PayloadFormatException>(() => parserCase.Parse(SpecFrames.Utf8(payload)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_EveryTruncation_ThrowsPayloadFormatException(string name)
    {
        var parserCase = ParserCases.Get(name);
        var data = SpecFrames.DataOf(parserCase.Frame);

        for (var length = 0; length < data.Length; length++)
        {
            var truncated = data[..length];
            Assert.Throws<PayloadFormatException>(() => parserCase.Parse(truncated));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_InvalidUtf8InCachedString_ThrowsPayloadFormatException(string name)
    {
        var parserCase = ParserCases.Get(name);
        var key = parserCase.StringKey;
        var data = SpecFrames.WithField(parserCase.Frame, key, "\"SOL_\u00e9\"");
        var e9 = Array.IndexOf(data, (byte)0xC3);
        data[e9] = 0xFF; // a byte that never occurs in UTF-8

        var ex = Assert.Throws<PayloadFormatException>(() => parserCase.Parse(data));

        Assert.Contains($"'{key}'", ex.Message);
    }

    [Theory]
    [MemberData(nameof(NamesWithTime))]
    public void Parse_EventTimeOverflowsDateTimeOffset_ThrowsNamingField(string name)
    {
        AssertRejected(name, ParserCases.Get(name).TimeKey!, "9223372036854775807");
    }

    [Theory]
    [MemberData(nameof(NamesWithTime))]
    public void Parse_EventTimeBeyondInt64_ThrowsNamingField(string name)
    {
        AssertRejected(name, ParserCases.Get(name).TimeKey!, "9223372036854775808");
    }

    [Theory]
    [MemberData(nameof(NamesWithTime))]
    public void Parse_EventTimeAsString_SameResult(string name)
    {
        var parserCase = ParserCases.Get(name);
        var expected = parserCase.Parse(SpecFrames.DataOf(parserCase.Frame));
        var data = SpecFrames.EditData(parserCase.Frame, p => p.Select(kv => kv.Key == parserCase.TimeKey ? new(kv.Key, $"\"{kv.Value}\"") : kv));

        AssertSameModel(expected, parserCase.Parse(data));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_DuplicateKey_LastWins(string name)
    {
        var parserCase = ParserCases.Get(name);
        // An earlier copy of a key with another value: the timestamp, or the string key where there is no timestamp.
        var data = parserCase.TimeKey is { } time
            ? SpecFrames.EditData(parserCase.Frame, p => p.Prepend(new(time, "1")))
            : SpecFrames.EditData(parserCase.Frame, p => p.Prepend(new(parserCase.StringKey, "\"earlier\"")));
        var expected = parserCase.Parse(SpecFrames.DataOf(parserCase.Frame));

        AssertSameModel(expected, parserCase.Parse(data));
    }

    private static void AssertRejected(string name, string key, string raw)
    {
        var parserCase = ParserCases.Get(name);
        SpecFrames.AssertRejected(parserCase.Parse, parserCase.Frame, key, raw);
    }

    private static void AssertSameModel(object expected, object actual)
    {
        // Records compare field by field; depth levels are arrays, so compare those by content.
        if (expected is Backpack.WebSockets.Models.DepthUpdate depth && actual is Backpack.WebSockets.Models.DepthUpdate other)
        {
            Assert.Equal(depth.Bids, other.Bids);
            Assert.Equal(depth.Asks, other.Asks);
            Assert.Equal(depth with { Bids = [], Asks = [] }, other with { Bids = [], Asks = [] });
            return;
        }

        Assert.Equal(expected, actual);
    }
}
