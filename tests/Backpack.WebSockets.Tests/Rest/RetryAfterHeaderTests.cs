using System.Net.Http.Headers;
using Backpack.WebSockets.Protocol;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>The one Retry-After parser, shared by the REST client and the WebSocket connector.</summary>
public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2", 2)]
    [InlineData(" 30 ", 30)]
    [InlineData("0", 0)]
    [InlineData("Fri, 04 Dec 2026 12:00:05 GMT", 5)]
    [InlineData("Fri, 04 Dec 2026 11:59:00 GMT", 0)]
    public void Parse_DeltaSecondsOrHttpDate_GivesTheDelay(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, s_now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void Parse_AbsentOrMalformed_IsNull(string? value)
    {
        Assert.Null(RetryAfterHeader.Parse(value, s_now));
    }

    [Fact]
    public void Parse_HugeDelta_IsClampedToADay()
    {
        Assert.Equal(TimeSpan.FromDays(1), RetryAfterHeader.Parse("99999999999", s_now));
    }

    [Fact]
    public void From_TypedHeader_ReadsDeltaAndDate()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterHeader.From(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), s_now));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryAfterHeader.From(new RetryConditionHeaderValue(s_now.AddSeconds(10)), s_now));
        Assert.Null(RetryAfterHeader.From(null, s_now));
    }
}
