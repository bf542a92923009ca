namespace Backpack.WebSockets.Tests;

public class BackpackStreamClientOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BackpackStreamClientOptions();

        Assert.Equal(new Uri("wss://ws.backpack.exchange"), options.Endpoint);
        Assert.Equal(new Uri("https://api.backpack.exchange"), options.RestEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SignatureWindow);
        Assert.Null(options.ApiKey);
        Assert.False(options.HasCredentials);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void SignatureWindow_OutOfRange_Throws(int milliseconds)
    {
        var options = new BackpackStreamClientOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.SignatureWindow = TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60_000)]
    public void SignatureWindow_Bounds_AreAccepted(int milliseconds)
    {
        var options = new BackpackStreamClientOptions { SignatureWindow = TimeSpan.FromMilliseconds(milliseconds) };
        Assert.Equal(milliseconds, options.SignatureWindow.TotalMilliseconds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Capacities_MustBePositive(int value)
    {
        var options = new BackpackStreamClientOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.StreamCapacity = value);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.PrivateStreamCapacity = value);
    }

    [Theory]
    [InlineData("https://ws.backpack.exchange")]
    [InlineData("ftp://ws.backpack.exchange")]
    public void Endpoint_MustBeWebSocket(string uri)
    {
        var options = new BackpackStreamClientOptions();
        Assert.Throws<ArgumentException>(() => options.Endpoint = new Uri(uri));
    }

    [Fact]
    public void Endpoint_Relative_IsRejected()
    {
        var options = new BackpackStreamClientOptions();
        Assert.Throws<ArgumentException>(() => options.Endpoint = new Uri("/stream", UriKind.Relative));
    }

    [Fact]
    public void RestEndpoint_MustBeHttp()
    {
        var options = new BackpackStreamClientOptions();
        Assert.Throws<ArgumentException>(() => options.RestEndpoint = new Uri("wss://api.backpack.exchange"));
    }

    [Fact]
    public void Validate_ApiKeyWithoutSecret_Throws()
    {
        var options = new BackpackStreamClientOptions { ApiKey = TestKeys.PublicKey };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void EnableCompression_IsOnByDefault_AndCopiedByClone()
    {
        var options = new BackpackStreamClientOptions();
        Assert.True(options.EnableCompression);

        options.EnableCompression = false;

        Assert.False(options.Clone().EnableCompression);
        Assert.Contains("EnableCompression = False", options.ToString());
    }

    [Fact]
    public void AllowSynchronousContinuations_IsOffByDefault_AndCopiedByClone()
    {
        var options = new BackpackStreamClientOptions();
        Assert.False(options.AllowSynchronousContinuations);

        options.AllowSynchronousContinuations = true;

        Assert.True(options.Clone().AllowSynchronousContinuations);
        Assert.Contains("AllowSynchronousContinuations = True", options.ToString());
    }

    [Fact]
    public void ToString_RedactsTheSecret()
    {
        var options = new BackpackStreamClientOptions { ApiKey = TestKeys.PublicKey, ApiSecret = TestKeys.SecretSeed };

        var text = options.ToString();

        Assert.DoesNotContain(TestKeys.SecretSeed, text);
        Assert.Contains("***", text);
        Assert.Contains(TestKeys.PublicKey, text);
    }

    [Fact]
    public void Constructor_InvalidSecret_ThrowsArgumentExceptionWithoutTheSecret()
    {
        const string badSecret = "c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0";
        var error = Assert.ThrowsAny<ArgumentException>(() => new BackpackStreamClient(new BackpackStreamClientOptions { ApiSecret = badSecret }));
        Assert.DoesNotContain(badSecret, error.Message);
    }
}
