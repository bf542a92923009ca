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
}
