using System.Globalization;
using System.Text;
using Backpack.WebSockets.Protocol.Payloads;
using static Backpack.WebSockets.Tests.Protocol.Payloads.SpecFrames;

namespace Backpack.WebSockets.Tests.Protocol.Payloads;

/// <summary>Number conversions, through the smallest payload that carries a decimal and an integer (open interest).</summary>
public class JsonFieldsTests
{
    [Theory]
    [InlineData("\"18.70\"", "18.70")]
    [InlineData("\"0.000\"", "0.000")]
    [InlineData("\"3680.520000000\"", "3680.520000000")]
    [InlineData("\"-0.000473\"", "-0.000473")]
    [InlineData("\"100\"", "100")]
    [InlineData("\"007.50\"", "7.50")]
    [InlineData("18.70", "18.70")]
    [InlineData("0", "0")]
    [InlineData("\"1e3\"", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("\"9999999999999999999\"", "9999999999999999999")]
    [InlineData("\"0.000000000000000001\"", "0.000000000000000001")]
    [InlineData("\"12345678901234567890.123\"", "12345678901234567890.123")]
    [InlineData("\"79228162514264337593543950335\"", "79228162514264337593543950335")]
    [InlineData("\"-79228162514264337593543950335\"", "-79228162514264337593543950335")]
    [InlineData("\"1\\u002e50\"", "1.50")]
    public void Parse_DecimalSpellings_ExactValueAndScale(string raw, string expected)
    {
        var parsed = OpenInterestParser.Parse(WithField(OpenInterestFrame, "o", raw)).Quantity;

        Assert.Equal(expected, Text(parsed));
    }

    [Fact]
    public void Parse_MoreFractionDigitsThanDecimalHolds_Rounded()
    {
        var parsed = OpenInterestParser.Parse(WithField(OpenInterestFrame, "o", "\"0.12345678901234567890123456789\"")).Quantity;

        Assert.Equal(decimal.Parse("0.12345678901234567890123456789", System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("\"79228162514264337593543950336\"")]
    [InlineData("\"1e29\"")]
    [InlineData("\"-\"")]
    [InlineData("\".\"")]
    [InlineData("\"--1\"")]
    [InlineData("\"1-\"")]
    [InlineData("\"0x10\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"1 \"")]
    public void Parse_NotADecimal_ThrowsNamingField(string raw)
    {
        AssertRejected(d => OpenInterestParser.Parse(d), OpenInterestFrame, "o", raw);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("\"0\"", 0)]
    [InlineData("-1", -1)]
    [InlineData("\"-1694687965941000\"", -1694687965941000)]
    [InlineData("\"1694687965941000\"", 1694687965941000)]
    [InlineData("253402300799999999", 253402300799999999)]
    [InlineData("\"12345678\"", 12345678)]
    [InlineData("\"99999999\"", 99999999)]
    [InlineData("\"123456789\"", 123456789)]
    [InlineData("\"10000000000000001\"", 10000000000000001)]
    [InlineData("1790915531026313", 1790915531026313)]
    public void Parse_MicrosecondTimestamps_ExactInstant(string raw, long microseconds)
    {
        var parsed = OpenInterestParser.Parse(WithField(OpenInterestFrame, "E", raw)).EventTime;

        Assert.Equal(Us(microseconds), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("253402300800000000")]
    [InlineData("-62135596800000001")]
    [InlineData("\"\"")]
    [InlineData("\"+1\"")]
    [InlineData("\" 1\"")]
    [InlineData("1e6")]
    [InlineData("\"1234567a\"")]
    [InlineData("\"1234:678\"")]
    [InlineData("\"/2345678\"")]
    [InlineData("\"12345678123456 8\"")]
    [InlineData("\"1694687965941a00\"")]
    public void Parse_InvalidMicrosecondTimestamp_ThrowsNamingField(string raw)
    {
        AssertRejected(d => OpenInterestParser.Parse(d), OpenInterestFrame, "E", raw);
    }

    [Fact]
    public void Parse_EarliestMicrosecondTimestamp_MinValue()
    {
        Assert.Equal(DateTimeOffset.MinValue, OpenInterestParser.Parse(WithField(OpenInterestFrame, "E", "-62135596800000000")).EventTime);
    }

    /// <summary>Integer parts for the exhaustive decimal cases: empty, zeros, leading zeros, every length to 29 digits.</summary>
    private static readonly string[] s_integerParts =
    [
        "", "0", "00", "000", "1", "9", "01", "007", "10", "100", "12345678", "123456789", "99999999", "100000000",
        "1234567890123456", "123456789012345678", "1234567890123456789", "9999999999999999999", "18446744073709551615",
        "18446744073709551616", "12345678901234567890", "7922816251426433759354395033", "79228162514264337593543950335",
        "79228162514264337593543950336", "99999999999999999999999999999", "000000000000000000001",
    ];

    /// <summary>Fraction parts: none, a bare point, trailing zeros, every length across the eight-digit chunks, 28-30 digits.</summary>
    private static readonly string[] s_fractionParts =
    [
        "", ".", ".0", ".00", ".5", ".50", ".500", ".05", ".000001", ".1234567", ".12345678", ".123456789", ".00000000",
        ".000000001", ".1234567812345678", ".12345678123456781", ".9999999999999999999", ".0000000000000000001",
        ".1234567890123456789012345678", ".0000000000000000000000000001", ".12345678901234567890123456789",
        ".00000000000000000000000000001", ".123456789012345678901234567890",
    ];

    /// <summary>Not the plain form, or not a number at all: each must get exactly what the Utf8Parser path gives.</summary>
    private static readonly string[] s_otherSpellings =
    [
        "", "-", "--1", "+1", "+1.5", "-+1", "1-", "1.2.3", "..5", "1..5", "1e5", "1E5", "1.5e-3", "-1.5E+3", "1e", "e5",
        " 1", "1 ", "1,5", "0x10", "abc", "1a", "1.5a", "1.a", "a.5", "1/2", "1:2", "12345678:", "1234567/", ".", "-.",
        "1.2345678a", "1.12345678a", "1.1234567a9", "½", "١٢", "NaN", "Infinity", "-0e0", "0.5e0",
    ];

    public static TheoryData<string> DecimalCorners() =>
    [
        "0", "-0", "0.0", "-0.0", "0.00", "-0.000", "1.50", "-1.50", "1.500000000", "007.50", "-007.50", ".5", "-.5", "5.",
        "-5.", "00", "-00", "9999999999999999999", "-9999999999999999999", "10000000000000000000", "0.9999999999999999999",
        "999999999.9999999999", "79228162514264337593543950335", "-79228162514264337593543950335",
        "79228162514264337593543950336", "7.9228162514264337593543950335", "0.0000000000000000000000000001",
        "0.00000000000000000000000000001", "0.12345678901234567890123456789", "1234567890123456789.0",
        "123456789012345678.9", "12345678.12345678", "0.12345678", "0.123456789", "86642.9", "0.07206", "18.70",
    ];

    [Theory]
    [MemberData(nameof(DecimalCorners))]
    public void TryParseDecimal_Corners_SameValueAndScaleAsTheOldPath(string text)
    {
        AssertSameAsOldPath(text);
    }

    [Fact]
    public void TryParseDecimal_EverySignIntegerAndFraction_SameValueAndScaleAsTheOldPath()
    {
        foreach (var sign in new[] { "", "-" })
        {
            foreach (var integer in s_integerParts)
            {
                foreach (var fraction in s_fractionParts)
                {
                    AssertSameAsOldPath(sign + integer + fraction);
                }
            }
        }
    }

    [Fact]
    public void TryParseDecimal_OtherSpellings_SameAsTheOldPath()
    {
        foreach (var text in s_otherSpellings)
        {
            AssertSameAsOldPath(text);
            AssertSameAsOldPath("-" + text);
            AssertSameAsOldPath(text + "0");
        }
    }

    [Fact]
    public void TryParseDecimal_SeededRandomPlainDecimals_SameAsDecimalParse()
    {
        // Deterministic: a fixed seed. Up to 20 integer and 20 fraction digits, so both the fast path (<= 19 digits) and
        // the fallback (more digits, rounding past 28 significant digits) are covered.
        var random = new Random(14);
        var builder = new StringBuilder();
        for (var n = 0; n < 20_000; n++)
        {
            builder.Clear();
            if (random.Next(2) == 0)
            {
                builder.Append('-');
            }

            var integerDigits = random.Next(0, 21);
            var fractionDigits = integerDigits == 0 ? random.Next(1, 21) : random.Next(0, 21);
            for (var i = 0; i < integerDigits; i++)
            {
                builder.Append((char)('0' + random.Next(10)));
            }

            if (fractionDigits > 0)
            {
                builder.Append('.');
                for (var i = 0; i < fractionDigits; i++)
                {
                    builder.Append((char)('0' + random.Next(10)));
                }
            }

            var text = builder.ToString();
            AssertSameAsOldPath(text);
            Assert.True(JsonFields.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var parsed), text);
            if (integerDigits + fractionDigits > 28)
            {
                // Past 28 digits a value is rounded, and the old path (Utf8Parser) rounds half up where decimal.Parse
                // does not always (…131005 gives …1310 from decimal.Parse, …1311 from Utf8Parser): the old path is
                // what must not change, and AssertSameAsOldPath pinned it above.
                continue;
            }

            AssertSameBits(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), parsed, text);
        }
    }

    [Theory]
    [InlineData("1.50", 150, 2)]
    [InlineData("1.500000000", 1500000000, 9)]
    [InlineData("007.50", 750, 2)]
    [InlineData(".5", 5, 1)]
    [InlineData("100", 100, 0)]
    [InlineData("0.000", 0, 3)]
    public void TryParseDecimal_PlainForm_KeepsTheScaleAsDecimalParseDoes(string text, long mantissa, int scale)
    {
        Assert.True(JsonFields.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var parsed));

        AssertSameBits(new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale), parsed, text);
        AssertSameBits(decimal.Parse(text, CultureInfo.InvariantCulture), parsed, text);
    }

    /// <summary>The new fast path gives what the code before it gave (success and the exact bits: value, sign, scale).</summary>
    private static void AssertSameAsOldPath(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var oldParsed = OldTryParseDecimal(bytes, out var expected);
        var newParsed = JsonFields.TryParseDecimal(bytes, out var actual);

        Assert.True(oldParsed == newParsed, $"'{text}': old {(oldParsed ? "accepted" : "rejected")} it, new {(newParsed ? "accepted" : "rejected")} it");
        if (oldParsed)
        {
            AssertSameBits(expected, actual, text);
        }
    }

    private static void AssertSameBits(decimal expected, decimal actual, string text) =>
        Assert.True(
            decimal.GetBits(expected).AsSpan().SequenceEqual(decimal.GetBits(actual)),
            $"'{text}': expected {expected} (bits {string.Join(",", decimal.GetBits(expected))}), got {actual} (bits {string.Join(",", decimal.GetBits(actual))})");

    /// <summary>
    /// The decimal parser as it was before the eight-digit fast path (a byte loop of up to 19 digits, then the Utf8Parser
    /// path), kept verbatim as the oracle: "match the old behaviour exactly".
    /// </summary>
    private static bool OldTryParseDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        var negative = text.Length > 0 && text[0] == (byte)'-';
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit <= 9 && digits < 19)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
                scale += scale >= 0 ? 1 : 0;
            }
            else if (text[i] == (byte)'.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return JsonFields.TryParseDecimalSlow(text, out value);
            }
        }

        if (digits == 0 || scale == 0)
        {
            return JsonFields.TryParseDecimalSlow(text, out value);
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }
}
