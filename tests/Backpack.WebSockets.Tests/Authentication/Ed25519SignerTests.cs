using System.Globalization;
using System.Text;
using Backpack.WebSockets.Authentication;
using NSec.Cryptography;

namespace Backpack.WebSockets.Tests.Authentication;

public sealed class Ed25519SignerTests
{
    /// <summary>A test secret (32-byte seed) and the public key it derives.</summary>
    private const string SecretKey = "TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams=";
    private const string ExpectedPublicKey = "5+yQgwU0ZdJ/9s+GXfuPFfo7yQQpl9CgvQedJXne30o=";

    private const long Timestamp = 1614550000000;
    private const long Window = 5000;

    /// <summary>The DOCS example signing string (spec §9.1).</summary>
    private const string DocsExample = "instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000";

    // Signatures of SecretKey computed independently with Python's `cryptography` package (OpenSSL's Ed25519):
    //   Ed25519PrivateKey.from_private_bytes(b64decode(SecretKey)).sign(message)
    private const string ExpectedSubscribeSignature =
        "/ZisNiUfIIbBKRrLsdRTnZUuMA870U2RQJ+AyGLn0PC6Qb00ZYRSNZMwEItKkCdln555j4MMx1lA2iFuOKImBw==";
    private const string ExpectedDocsExampleSignature =
        "aKisDELOQeekrU+Up7rS/6gZBp0qunOsPwThvby1n5TaohLLP7NghvHoc4peKNGCg/rWC1gtiOKKSW2xNxCGAQ==";

    // RFC 8032 §7.1, TEST 1: secret key, public key, empty message, signature.
    private const string Rfc8032Test1Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032Test1Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032Test1Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    private static readonly byte[] s_seed = Convert.FromBase64String(SecretKey);
    private static readonly byte[] s_publicKey = Convert.FromBase64String(ExpectedPublicKey);

    [Fact]
    public void FromBase64SecretKey_Seed_DerivesExpectedPublicKey()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        Assert.Equal(ExpectedPublicKey, signer.PublicKeyBase64);
    }

    [Fact]
    public void FromBase64SecretKey_SeedFollowedByPublicKey_DerivesSamePublicKey()
    {
        string secret64 = Convert.ToBase64String([.. s_seed, .. s_publicKey]);

        using var signer = Ed25519Signer.FromBase64SecretKey(secret64);

        Assert.Equal(ExpectedPublicKey, signer.PublicKeyBase64);
        Assert.Equal(ExpectedSubscribeSignature, signer.SignSubscription(Timestamp, Window)[1]);
    }

    [Fact]
    public void FromBase64SecretKey_SeedFollowedByOtherPublicKey_ThrowsWithoutSecret()
    {
        byte[] otherPublicKey = Convert.FromHexString(Rfc8032Test1Public);
        string secret64 = Convert.ToBase64String([.. s_seed, .. otherPublicKey]);

        var ex = Assert.Throws<ArgumentException>(() => Ed25519Signer.FromBase64SecretKey(secret64));

        Assert.Equal("secretKeyBase64", ex.ParamName);
        Assert.Contains("public key", ex.Message);
        AssertDoesNotLeak(secret64, ex);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(48)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(96)]
    public void FromBase64SecretKey_WrongLength_ThrowsWithLengthAndWithoutSecret(int length)
    {
        byte[] bytes = [.. s_seed, .. s_publicKey, .. s_seed];
        string secret = Convert.ToBase64String(bytes, 0, length);

        var ex = Assert.Throws<ArgumentException>(() => Ed25519Signer.FromBase64SecretKey(secret));

        Assert.Equal("secretKeyBase64", ex.ParamName);
        Assert.Contains($"{length} bytes", ex.Message);
        AssertDoesNotLeak(secret, ex);
    }

    [Theory]
    [InlineData("TDSkv44jf_iD_QCKkyCdixO-p1sfLXxk-PZH7mW_ams=")] // base64url alphabet
    [InlineData("TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams")] // padding missing
    [InlineData("TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams=!")]
    [InlineData("not a base64 secret at all")]
    public void FromBase64SecretKey_NotBase64_ThrowsWithoutSecret(string secret)
    {
        var ex = Assert.Throws<ArgumentException>(() => Ed25519Signer.FromBase64SecretKey(secret));

        Assert.Equal("secretKeyBase64", ex.ParamName);
        Assert.Contains("base64", ex.Message);
        AssertDoesNotLeak(secret, ex);
    }

    [Fact]
    public void FromBase64SecretKey_Empty_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ed25519Signer.FromBase64SecretKey(""));

        Assert.Equal("secretKeyBase64", ex.ParamName);
    }

    [Fact]
    public void FromBase64SecretKey_Null_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Ed25519Signer.FromBase64SecretKey(null!));

        Assert.Equal("secretKeyBase64", ex.ParamName);
    }

    [Fact]
    public void FromBase64SecretKey_TrailingNewline_IsIgnored()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey + "\n");

        Assert.Equal(ExpectedPublicKey, signer.PublicKeyBase64);
    }

    [Fact]
    public void SignSubscription_ValidArguments_ReturnsPublicKeyTimestampAndWindowStrings()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        IReadOnlyList<string> signature = signer.SignSubscription(Timestamp, Window);

        Assert.Equal(4, signature.Count);
        Assert.Equal(ExpectedPublicKey, signature[0]);
        Assert.Equal("1614550000000", signature[2]);
        Assert.Equal("5000", signature[3]);
    }

    [Fact]
    public void SignSubscription_Signature_VerifiesForSubscribeString()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        IReadOnlyList<string> signature = signer.SignSubscription(Timestamp, Window);

        Assert.True(Verify("instruction=subscribe&timestamp=1614550000000&window=5000", signature[1]));
    }

    [Fact]
    public void SignSubscription_Signature_DoesNotVerifyForOtherTimestamp()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        IReadOnlyList<string> signature = signer.SignSubscription(Timestamp, Window);

        Assert.False(Verify("instruction=subscribe&timestamp=1614550000001&window=5000", signature[1]));
    }

    [Fact]
    public void SignSubscription_KnownKey_MatchesIndependentlyComputedSignature()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        Assert.Equal(ExpectedSubscribeSignature, signer.SignSubscription(Timestamp, Window)[1]);
    }

    [Fact]
    public void SignSubscription_MaxWindow_IsAccepted()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        IReadOnlyList<string> signature = signer.SignSubscription(Timestamp, Ed25519Signer.MaxWindowMilliseconds);

        Assert.Equal("60000", signature[3]);
        Assert.True(Verify("instruction=subscribe&timestamp=1614550000000&window=60000", signature[1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SignSubscription_NonPositiveTimestamp_ThrowsArgumentOutOfRange(long timestamp)
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignSubscription(timestamp, Window));

        Assert.Equal("timestampMs", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5000)]
    [InlineData(60001)]
    public void SignSubscription_WindowOutOfRange_ThrowsArgumentOutOfRange(long window)
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => signer.SignSubscription(Timestamp, window));

        Assert.Equal("windowMs", ex.ParamName);
    }

    [Fact]
    public void Sign_Rfc8032Test1_MatchesExpectedSignature()
    {
        string secret = Convert.ToBase64String(Convert.FromHexString(Rfc8032Test1Secret));
        using var signer = Ed25519Signer.FromBase64SecretKey(secret);

        string signature = signer.Sign("");

        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(Rfc8032Test1Public)), signer.PublicKeyBase64);
        Assert.Equal(Rfc8032Test1Signature, Convert.ToHexStringLower(Convert.FromBase64String(signature)));
    }

    [Fact]
    public void Sign_DocsExample_MatchesIndependentlyComputedSignature()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        Assert.Equal(ExpectedDocsExampleSignature, signer.Sign(DocsExample));
    }

    [Fact]
    public void Sign_InstructionAndParameters_SignsBuiltString()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        string signature = signer.Sign("orderCancel", [new("symbol", "BTC_USDT"), new("orderId", 28)], Timestamp, Window);

        Assert.Equal(ExpectedDocsExampleSignature, signature);
    }

    [Fact]
    public void Sign_Null_ThrowsArgumentNullException()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        Assert.Throws<ArgumentNullException>(() => signer.Sign(null!));
    }

    [Fact]
    public void Sign_LoneSurrogate_ThrowsArgumentException()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        var ex = Assert.Throws<ArgumentException>(() => signer.Sign("instruction=x&note=\uD800"));

        Assert.Equal("signingString", ex.ParamName);
    }

    [Fact]
    public async Task Sign_ConcurrentCalls_AllSignaturesVerify()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        string[] signatures = await Task.WhenAll(
            Enumerable.Range(1, 64).Select(i => Task.Run(() => signer.SignSubscription(i, Window)[1])));

        for (int i = 0; i < signatures.Length; i++)
        {
            Assert.True(Verify($"instruction=subscribe&timestamp={i + 1}&window=5000", signatures[i]));
        }
    }

    [Fact]
    public void BuildSigningString_DocsExample_MatchesExactly()
    {
        string result = Ed25519Signer.BuildSigningString(
            "orderCancel", [new("symbol", "BTC_USDT"), new("orderId", 28)], Timestamp, Window);

        Assert.Equal(DocsExample, result);
    }

    [Fact]
    public void BuildSigningString_UnsortedKeys_SortsOrdinally()
    {
        string result = Ed25519Signer.BuildSigningString(
            "orderExecute",
            [new("side", "Bid"), new("Zeta", "1"), new("orderType", "Limit"), new("clientId", 7), new("price", "10")],
            Timestamp,
            Window);

        Assert.Equal(
            "instruction=orderExecute&Zeta=1&clientId=7&orderType=Limit&price=10&side=Bid&timestamp=1614550000000&window=5000",
            result);
    }

    [Fact]
    public void BuildSigningString_Booleans_AreLowerCase()
    {
        string result = Ed25519Signer.BuildSigningString(
            "orderExecute", [new("reduceOnly", false), new("postOnly", true)], Timestamp, Window);

        Assert.Equal("instruction=orderExecute&postOnly=true&reduceOnly=false&timestamp=1614550000000&window=5000", result);
    }

    [Fact]
    public void BuildSigningString_NullValue_IsOmitted()
    {
        string result = Ed25519Signer.BuildSigningString(
            "orderCancel", [new("clientId", null), new("orderId", 28), new("symbol", "BTC_USDT")], Timestamp, Window);

        Assert.Equal(DocsExample, result);
    }

    [Fact]
    public void BuildSigningString_NullParameters_HasInstructionTimestampAndWindowOnly()
    {
        string result = Ed25519Signer.BuildSigningString("balanceQuery", null, Timestamp, Window);

        Assert.Equal("instruction=balanceQuery&timestamp=1614550000000&window=5000", result);
    }

    [Fact]
    public void BuildSigningString_EmptyParameters_HasInstructionTimestampAndWindowOnly()
    {
        string result = Ed25519Signer.BuildSigningString("balanceQuery", [], Timestamp, Window);

        Assert.Equal("instruction=balanceQuery&timestamp=1614550000000&window=5000", result);
    }

    [Fact]
    public void BuildSigningString_Decimal_KeepsWrittenScale()
    {
        string result = Ed25519Signer.BuildSigningString(
            "orderExecute", [new("price", 0.10m), new("quantity", 1.500m)], Timestamp, Window);

        Assert.Equal("instruction=orderExecute&price=0.10&quantity=1.500&timestamp=1614550000000&window=5000", result);
    }

    [Fact]
    public void BuildSigningString_GermanCurrentCulture_FormatsNumbersInvariantly()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            string result = Ed25519Signer.BuildSigningString(
                "orderExecute",
                [new("price", 1234.5m), new("quantity", 0.25), new("clientId", 1_000_000L), new("ratio", -1.5f)],
                Timestamp,
                Window);

            Assert.Equal(
                "instruction=orderExecute&clientId=1000000&price=1234.5&quantity=0.25&ratio=-1.5&timestamp=1614550000000&window=5000",
                result);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void BuildSigningString_StringValue_IsSignedRaw()
    {
        string result = Ed25519Signer.BuildSigningString("withdraw", [new("address", "a b/c+d")], Timestamp, Window);

        Assert.Equal("instruction=withdraw&address=a b/c+d&timestamp=1614550000000&window=5000", result);
    }

    [Fact]
    public void BuildSigningString_EmptyInstruction_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ed25519Signer.BuildSigningString("", null, Timestamp, Window));

        Assert.Equal("instruction", ex.ParamName);
    }

    [Fact]
    public void BuildSigningString_NullInstruction_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Ed25519Signer.BuildSigningString(null!, null, Timestamp, Window));
    }

    [Theory]
    [InlineData("order&Cancel")]
    [InlineData("order=Cancel")]
    public void BuildSigningString_InstructionWithSeparator_ThrowsArgumentException(string instruction)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Ed25519Signer.BuildSigningString(instruction, null, Timestamp, Window));

        Assert.Equal("instruction", ex.ParamName);
    }

    [Theory]
    [InlineData("order&Id")]
    [InlineData("order=Id")]
    [InlineData("")]
    public void BuildSigningString_InvalidKey_ThrowsArgumentException(string key)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Ed25519Signer.BuildSigningString("orderCancel", [new(key, 28)], Timestamp, Window));

        Assert.Equal("parameters", ex.ParamName);
    }

    [Fact]
    public void BuildSigningString_DuplicateKey_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Ed25519Signer.BuildSigningString(
                "orderCancel", [new("orderId", 28), new("symbol", "BTC_USDT"), new("orderId", 29)], Timestamp, Window));

        Assert.Contains("orderId", ex.Message);
    }

    [Fact]
    public void BuildSigningString_UnsupportedValueType_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => Ed25519Signer.BuildSigningString("orderQuery", [new("at", DateTime.UnixEpoch)], Timestamp, Window));

        Assert.Equal("parameters", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BuildSigningString_NonFiniteNumber_ThrowsArgumentException(double value)
    {
        Assert.Throws<ArgumentException>(
            () => Ed25519Signer.BuildSigningString("orderExecute", [new("price", value)], Timestamp, Window));
    }

    [Theory]
    [InlineData(0, 5000, "timestampMs")]
    [InlineData(Timestamp, 0, "windowMs")]
    [InlineData(Timestamp, 60001, "windowMs")]
    public void BuildSigningString_TimestampOrWindowOutOfRange_ThrowsArgumentOutOfRange(long timestamp, long window, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => Ed25519Signer.BuildSigningString("balanceQuery", null, timestamp, window));

        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void ToString_Always_ShowsPublicKeyAndNotSecret()
    {
        using var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);

        string text = signer.ToString();

        Assert.Equal($"Ed25519Signer {{ PublicKey = {ExpectedPublicKey} }}", text);
        Assert.DoesNotContain(SecretKey, text);
        Assert.DoesNotContain(SecretKey[..12], text);
    }

    [Fact]
    public void SignSubscription_AfterDispose_ThrowsObjectDisposed()
    {
        var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.SignSubscription(Timestamp, Window));
    }

    [Fact]
    public void Sign_AfterDispose_ThrowsObjectDisposed()
    {
        var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);
        signer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => signer.Sign(DocsExample));
    }

    [Fact]
    public void Dispose_Twice_DoesNotThrow()
    {
        var signer = Ed25519Signer.FromBase64SecretKey(SecretKey);
        signer.Dispose();

        signer.Dispose();

        Assert.Equal(ExpectedPublicKey, signer.PublicKeyBase64);
    }

    private static bool Verify(string message, string signatureBase64)
    {
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, s_publicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(
            publicKey, Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signatureBase64));
    }

    /// <summary>Checks that an exception says nothing of the secret: not the whole string, nor its start or end.</summary>
    private static void AssertDoesNotLeak(string secret, Exception ex)
    {
        string text = ex.ToString();
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(secret[..8], text);
        Assert.DoesNotContain(secret[^8..], text);
    }
}
