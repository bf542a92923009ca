using System.Globalization;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Checks Backpack signatures: the headers of a signed REST read (<see cref="VerifyRest"/>) and the <c>signature</c> array of a private SUBSCRIBE:
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

        return VerifyParts(parts[0], parts[1], parts[2], parts[3], "instruction=subscribe", [], nowMs, out reason);
    }

    /// <summary>
    /// Checks the headers of a signed REST request (spec §9.5.1, §9.5.5): the key is the configured one, the window and
    /// timestamp are current, and the signature covers <c>instruction=&lt;instruction&gt;</c>, the decoded query parameters
    /// sorted by key, and <c>&amp;timestamp=&lt;X-Timestamp&gt;&amp;window=&lt;X-Window&gt;</c> as sent.
    /// </summary>
    /// <param name="apiKey">The <c>X-API-Key</c> header, or <see langword="null"/>.</param>
    /// <param name="signature">The <c>X-Signature</c> header, or <see langword="null"/>.</param>
    /// <param name="timestamp">The <c>X-Timestamp</c> header, or <see langword="null"/>.</param>
    /// <param name="window">The <c>X-Window</c> header; <see langword="null"/> means 5000, which is then what must be signed.</param>
    /// <param name="instruction">The endpoint's instruction.</param>
    /// <param name="query">The decoded query parameters.</param>
    /// <param name="nowMs">The server time, Unix milliseconds.</param>
    /// <param name="reason">Why it failed, for the log; never contains key material.</param>
    /// <returns><see langword="true"/> when the request is signed correctly and current.</returns>
    public bool VerifyRest(
        string? apiKey,
        string? signature,
        string? timestamp,
        string? window,
        string instruction,
        IEnumerable<KeyValuePair<string, string>> query,
        long nowMs,
        out string reason)
    {
        if (_publicKey is null)
        {
            reason = "no API key is configured";
            return false;
        }

        if (apiKey is null || signature is null || timestamp is null)
        {
            reason = "X-API-Key, X-Signature or X-Timestamp is missing";
            return false;
        }

        var sorted = query.OrderBy(static p => p.Key, StringComparer.Ordinal).ToList();
        return VerifyParts(apiKey, signature, timestamp, window ?? "5000", $"instruction={instruction}", sorted, nowMs, out reason);
    }

    /// <summary>The checks both forms share; <paramref name="parameters"/> are appended to <paramref name="prefix"/> in the order given.</summary>
    private bool VerifyParts(
        string apiKey,
        string signature,
        string timestampText,
        string windowText,
        string prefix,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        long nowMs,
        out string reason)
    {
        if (!TryDecode(apiKey, 32, out var key) || !key.AsSpan().SequenceEqual(_publicKeyBytes))
        {
            reason = "the key is not the configured API key";
            return false;
        }

        if (!TryDecode(signature, 64, out var signatureBytes))
        {
            reason = "the signature is not base64 of 64 bytes";
            return false;
        }

        if (!TryParseMs(timestampText, out var timestamp) || !TryParseMs(windowText, out var window))
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
        var text = new StringBuilder(prefix);
        foreach (var (name, value) in parameters)
        {
            text.Append('&').Append(name).Append('=').Append(value);
        }

        text.Append("&timestamp=").Append(timestampText).Append("&window=").Append(windowText);
        if (!s_algorithm.Verify(_publicKey!, Encoding.UTF8.GetBytes(text.ToString()), signatureBytes))
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
