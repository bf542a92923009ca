using System.Globalization;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Checks the <c>signature</c> array of a private SUBSCRIBE:
/// <c>["&lt;publicKeyB64&gt;", "&lt;signatureB64&gt;", "&lt;timestampMs&gt;", "&lt;windowMs&gt;"]</c>, all strings,
/// signed with Ed25519 over <c>instruction=subscribe&amp;timestamp=&lt;ts&gt;&amp;window=&lt;w&gt;</c> (spec §7.1).
/// </summary>
internal sealed class SubscriptionSignatureVerifier
{
    /// <summary>The Ed25519 algorithm.</summary>
    private static readonly SignatureAlgorithm s_algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>The accepted key, or <see langword="null"/> when every private subscribe is rejected.</summary>
    private readonly PublicKey? _publicKey;

    /// <summary>The raw bytes of the accepted key.</summary>
    private readonly byte[]? _publicKeyBytes;

    /// <summary>The largest window accepted, in milliseconds.</summary>
    private readonly long _maxWindowMs;

    /// <summary>How far a timestamp may lie in the future, in milliseconds.</summary>
    private readonly long _allowedSkewMs;

    /// <summary>Creates a verifier.</summary>
    /// <exception cref="ArgumentException"><paramref name="apiPublicKey"/> is not base64 of a 32-byte Ed25519 public key.</exception>
    public SubscriptionSignatureVerifier(string? apiPublicKey, TimeSpan maxWindow, TimeSpan allowedSkew)
    {
        _maxWindowMs = (long)maxWindow.TotalMilliseconds;
        _allowedSkewMs = (long)allowedSkew.TotalMilliseconds;
        if (apiPublicKey is null)
        {
            return;
        }

        if (!TryDecode(apiPublicKey, 32, out var bytes) || !PublicKey.TryImport(s_algorithm, bytes, KeyBlobFormat.RawPublicKey, out var key))
        {
            throw new ArgumentException("ApiPublicKey must be the base64 encoding of a 32-byte Ed25519 public key.", nameof(apiPublicKey));
        }

        _publicKeyBytes = bytes;
        _publicKey = key;
    }

    /// <summary>Checks <paramref name="signature"/> (the request's <c>signature</c> property, absent when <see langword="null"/>) at server time <paramref name="nowMs"/>.</summary>
    /// <param name="signature">The property value.</param>
    /// <param name="nowMs">The server time, Unix milliseconds.</param>
    /// <param name="reason">Why it failed, for the log; never contains key material.</param>
    /// <returns><see langword="true"/> when the signature is valid and current.</returns>
    public bool Verify(JsonElement? signature, long nowMs, out string reason)
    {
        if (_publicKey is null || _publicKeyBytes is null)
        {
            reason = "no API key is configured";
            return false;
        }

        if (signature is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() != 4)
        {
            reason = "signature is missing or not an array of four elements";
            return false;
        }

        var parts = new string[4];
        for (var i = 0; i < 4; i++)
        {
            if (array[i].ValueKind != JsonValueKind.String)
            {
                reason = $"signature element {i} is not a string";
                return false;
            }

            parts[i] = array[i].GetString()!;
        }

        if (!TryDecode(parts[0], 32, out var key) || !key.AsSpan().SequenceEqual(_publicKeyBytes))
        {
            reason = "the key is not the configured API key";
            return false;
        }

        if (!TryDecode(parts[1], 64, out var signatureBytes))
        {
            reason = "the signature is not base64 of 64 bytes";
            return false;
        }

        if (!TryParseMs(parts[2], out var timestamp) || !TryParseMs(parts[3], out var window))
        {
            reason = "timestamp or window is not a decimal integer";
            return false;
        }

        if (window <= 0 || window > _maxWindowMs)
        {
            reason = $"window {window} ms is outside 1..{_maxWindowMs}";
            return false;
        }

        if (timestamp + window < nowMs)
        {
            reason = $"expired: timestamp {timestamp} + window {window} < server time {nowMs}";
            return false;
        }

        if (timestamp > nowMs + _allowedSkewMs)
        {
            reason = $"timestamp {timestamp} is more than {_allowedSkewMs} ms ahead of server time {nowMs}";
            return false;
        }

        // The strings are signed exactly as sent, so "05000" and "5000" sign different texts, as on the real server.
        var signed = Encoding.UTF8.GetBytes($"instruction=subscribe&timestamp={parts[2]}&window={parts[3]}");
        if (!s_algorithm.Verify(_publicKey, signed, signatureBytes))
        {
            reason = "the signature does not verify";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryParseMs(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryDecode(string base64, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == length;
    }
}
