using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Backpack.WebSockets.TestSupport;

/// <summary>
/// The demo Ed25519 key pair from Backpack's Python WebSocket guide, with signing and verifying independent of the client
/// library. Test-only; never used outside tests.
/// </summary>
internal static class TestKeys
{
    /// <summary>The test secret seed (base64, 32 bytes).</summary>
    public const string SecretSeed = "TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams=";

    /// <summary>The public key of <see cref="SecretSeed"/>.</summary>
    public const string PublicKey = "5+yQgwU0ZdJ/9s+GXfuPFfo7yQQpl9CgvQedJXne30o=";

    private static readonly SignatureAlgorithm s_algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>Whether <paramref name="signatureBase64"/> is <see cref="PublicKey"/>'s Ed25519 signature of <paramref name="message"/>.</summary>
    public static bool Verifies(string signatureBase64, string message)
    {
        var publicKey = NSec.Cryptography.PublicKey.Import(s_algorithm, Convert.FromBase64String(PublicKey), KeyBlobFormat.RawPublicKey);
        return s_algorithm.Verify(publicKey, Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signatureBase64));
    }

    /// <summary>Signs <c>instruction=subscribe&amp;timestamp=..&amp;window=..</c> and returns the four-string signature array.</summary>
    public static string[] SignSubscribe(long timestampMs, long windowMs, string secretSeed = SecretSeed)
    {
        using var key = Key.Import(s_algorithm, Convert.FromBase64String(secretSeed), KeyBlobFormat.RawPrivateKey);
        return SignSubscribe(key, timestampMs, windowMs);
    }

    /// <summary>Signs with <paramref name="key"/> and presents <paramref name="key"/>'s public key.</summary>
    public static string[] SignSubscribe(Key key, long timestampMs, long windowMs)
    {
        var ts = timestampMs.ToString(CultureInfo.InvariantCulture);
        var window = windowMs.ToString(CultureInfo.InvariantCulture);
        var signature = s_algorithm.Sign(key, Encoding.UTF8.GetBytes($"instruction=subscribe&timestamp={ts}&window={window}"));
        return [Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Convert.ToBase64String(signature), ts, window];
    }

    /// <summary>A fresh random key, unknown to the server.</summary>
    public static Key CreateOtherKey() =>
        Key.Create(s_algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
}
