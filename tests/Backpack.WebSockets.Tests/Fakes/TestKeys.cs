using NSec.Cryptography;

namespace Backpack.WebSockets.Tests.Fakes;

/// <summary>The demo key pair from Backpack's Python WebSocket guide. Test-only.</summary>
public static class TestKeys
{
    public const string Secret = "TDSkv44jf/iD/QCKkyCdixO+p1sfLXxk+PZH7mW/ams=";
    public const string PublicKey = "5+yQgwU0ZdJ/9s+GXfuPFfo7yQQpl9CgvQedJXne30o=";

    /// <summary>Whether <paramref name="signatureBase64"/> is <see cref="PublicKey"/>'s Ed25519 signature of <paramref name="message"/>.</summary>
    public static bool Verifies(string signatureBase64, string message)
    {
        var publicKey = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(PublicKey), KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(publicKey, System.Text.Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signatureBase64));
    }
}
