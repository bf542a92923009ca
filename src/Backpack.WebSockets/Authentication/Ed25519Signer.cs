using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Backpack.WebSockets.Authentication;

/// <summary>
/// Signs Backpack Exchange requests with an Ed25519 API secret: the <c>signature</c> array of a private WebSocket
/// SUBSCRIBE and the <c>X-Signature</c> header of a signed REST request.
/// </summary>
/// <remarks>
/// <para>
/// Create one with <see cref="FromBase64SecretKey(string)"/>. The secret is held only inside an NSec
/// <see cref="Key"/> (libsodium secure memory) and is never exposed again: <see cref="ToString"/>, exception messages
/// and every member return or mention the public key only.
/// </para>
/// <para>
/// Thread safety: all members are safe to call concurrently from any number of threads; signing does not mutate the
/// signer. Ed25519 is deterministic, so the same key and message always give the same signature.
/// <see cref="Dispose"/> releases the key; signing after (or racing with) <see cref="Dispose"/> throws
/// <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var signer = Ed25519Signer.FromBase64SecretKey(apiSecret);
/// IReadOnlyList&lt;string&gt; signature = signer.SignSubscription(nowMs, Ed25519Signer.DefaultWindowMilliseconds);
/// // {"method":"SUBSCRIBE","params":["account.orderUpdate"],"signature":[ ...signature ]}
/// </code>
/// </example>
public sealed class Ed25519Signer : IDisposable
{
    /// <summary>The window that Backpack's clients sign when none is given, in milliseconds.</summary>
    public const long DefaultWindowMilliseconds = 5_000;

    /// <summary>The largest window Backpack accepts (documented for REST's <c>X-Window</c>), in milliseconds.</summary>
    public const long MaxWindowMilliseconds = 60_000;

    /// <summary>Length of an Ed25519 seed (the private key) and of a public key, in bytes.</summary>
    private const int KeyLength = 32;

    /// <summary>The instruction of a private WebSocket SUBSCRIBE.</summary>
    private const string SubscribeInstruction = "subscribe";

    /// <summary>
    /// Strict UTF-8: a string holding a lone surrogate would otherwise be signed with U+FFFD in its place and fail at the
    /// server with an unhelpful "Invalid signature".
    /// </summary>
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The private key; the only place the secret lives after import.</summary>
    private readonly Key _key;

    /// <summary>Set once by <see cref="Dispose"/>.</summary>
    private volatile bool _disposed;

    private Ed25519Signer(Key key, string publicKeyBase64)
    {
        _key = key;
        PublicKeyBase64 = publicKeyBase64;
    }

    /// <summary>
    /// The API key: standard, padded base64 of the 32-byte Ed25519 public key derived from the secret.
    /// </summary>
    /// <remarks>Not secret, and still readable after <see cref="Dispose"/>.</remarks>
    public string PublicKeyBase64 { get; }

    /// <summary>Creates a signer from an API secret as Backpack issues it.</summary>
    /// <param name="secretKeyBase64">
    /// Standard base64 of the 32-byte Ed25519 seed, or of 64 bytes holding the seed followed by its public key.
    /// </param>
    /// <returns>A signer that owns the imported key; dispose it when done.</returns>
    /// <remarks>
    /// The decoded secret is copied into a stack buffer that is zeroed before this method returns. The caller's string
    /// cannot be wiped (strings are immutable), so keep its lifetime short.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="secretKeyBase64"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="secretKeyBase64"/> is empty, is not base64, does not decode to 32 or 64 bytes, or holds 64 bytes
    /// whose second half is not the public key of the first half. The message never contains the secret.
    /// </exception>
    public static Ed25519Signer FromBase64SecretKey(string secretKeyBase64)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKeyBase64);

        if (!Base64.IsValid(secretKeyBase64.AsSpan(), out int decodedLength))
        {
            throw NotBase64(nameof(secretKeyBase64));
        }

        if (decodedLength is not (KeyLength or 2 * KeyLength))
        {
            throw new ArgumentException(
                $"The secret key decodes to {decodedLength} bytes; expected a {KeyLength}-byte Ed25519 seed, or " +
                $"{2 * KeyLength} bytes holding the seed followed by its public key.",
                nameof(secretKeyBase64));
        }

        // A stack buffer rather than an array: the GC never copies it, so zeroing it removes the only copy we made.
        Span<byte> secret = stackalloc byte[2 * KeyLength];
        try
        {
            if (!Convert.TryFromBase64String(secretKeyBase64, secret, out int written) || written != decodedLength)
            {
                throw NotBase64(nameof(secretKeyBase64));
            }

            Key key = Key.Import(SignatureAlgorithm.Ed25519, secret[..KeyLength], KeyBlobFormat.RawPrivateKey);
            try
            {
                byte[] publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
                if (written == 2 * KeyLength && !CryptographicOperations.FixedTimeEquals(secret[KeyLength..], publicKey))
                {
                    throw new ArgumentException(
                        $"The secret key is {2 * KeyLength} bytes, but its last {KeyLength} bytes are not the public key " +
                        $"of its first {KeyLength} bytes (the seed).",
                        nameof(secretKeyBase64));
                }

                return new Ed25519Signer(key, Convert.ToBase64String(publicKey));
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Builds the REST signing string: <c>instruction=&lt;instruction&gt;</c>, then <c>&amp;key=value</c> for each
    /// parameter in ordinal key order, then <c>&amp;timestamp=&lt;ms&gt;&amp;window=&lt;ms&gt;</c>.
    /// </summary>
    /// <param name="instruction">The instruction of the operation, for example <c>orderCancel</c>.</param>
    /// <param name="parameters">
    /// The query parameters (GET) or body fields (POST, DELETE, PATCH); <see langword="null"/> for none. Entries with a
    /// <see langword="null"/> value are left out, as they must be left out of the request. Values may be
    /// <see cref="string"/> (signed raw), <see cref="bool"/> (<c>true</c>/<c>false</c>) or any built-in numeric type
    /// (invariant culture; a <see cref="decimal"/> keeps its scale, so <c>0.10m</c> signs as <c>0.10</c>). Prefer
    /// <see cref="decimal"/> or <see cref="string"/> for prices and quantities: a <see cref="double"/> is written in its
    /// shortest round-trip form, which may use an exponent.
    /// </param>
    /// <param name="timestampMs">The request time in Unix milliseconds; must be positive.</param>
    /// <param name="windowMs">How long the request stays valid, in milliseconds: 1 to <see cref="MaxWindowMilliseconds"/>.</param>
    /// <returns>
    /// The string to sign, for example
    /// <c>instruction=orderCancel&amp;orderId=28&amp;symbol=BTC_USDT&amp;timestamp=1614550000000&amp;window=5000</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="instruction"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="instruction"/> is empty or contains <c>&amp;</c> or <c>=</c>; a parameter key is null, empty,
    /// contains <c>&amp;</c> or <c>=</c>, or appears twice; or a value has an unsupported type or is a non-finite number.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="timestampMs"/> is not positive, or <paramref name="windowMs"/> is outside 1 to <see cref="MaxWindowMilliseconds"/>.
    /// </exception>
    public static string BuildSigningString(
        string instruction,
        IEnumerable<KeyValuePair<string, object?>>? parameters,
        long timestampMs,
        long windowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(instruction);
        if (ContainsSeparator(instruction))
        {
            throw new ArgumentException(
                $"The instruction '{instruction}' must not contain '&' or '='.", nameof(instruction));
        }

        ValidateTimestampAndWindow(timestampMs, windowMs);

        var builder = new StringBuilder("instruction=").Append(instruction);
        if (parameters is not null)
        {
            AppendParameters(builder, parameters, nameof(parameters));
        }

        return builder
            .Append(CultureInfo.InvariantCulture, $"&timestamp={timestampMs}&window={windowMs}")
            .ToString();
    }

    /// <summary>Signs a private WebSocket SUBSCRIBE.</summary>
    /// <param name="timestampMs">The request time in Unix milliseconds; must be positive.</param>
    /// <param name="windowMs">How long the request stays valid, in milliseconds: 1 to <see cref="MaxWindowMilliseconds"/>.</param>
    /// <returns>
    /// The four strings of the frame's <c>signature</c> array: <see cref="PublicKeyBase64"/>, the base64 signature of
    /// <c>instruction=subscribe&amp;timestamp=&lt;timestampMs&gt;&amp;window=&lt;windowMs&gt;</c>, and the timestamp and
    /// window as invariant decimal strings.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="timestampMs"/> is not positive, or <paramref name="windowMs"/> is outside 1 to <see cref="MaxWindowMilliseconds"/>.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The signer has been disposed.</exception>
    public IReadOnlyList<string> SignSubscription(long timestampMs, long windowMs)
    {
        ValidateTimestampAndWindow(timestampMs, windowMs);
        ObjectDisposedException.ThrowIf(_disposed, this);

        string signature = Sign(BuildSigningString(SubscribeInstruction, null, timestampMs, windowMs));
        return
        [
            PublicKeyBase64,
            signature,
            timestampMs.ToString(CultureInfo.InvariantCulture),
            windowMs.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>Signs a string that is already built, such as one from <see cref="BuildSigningString"/>.</summary>
    /// <param name="signingString">The text to sign; its UTF-8 bytes are signed. May be empty.</param>
    /// <returns>Standard, padded base64 of the 64-byte Ed25519 signature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signingString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="signingString"/> is not valid UTF-16 (it holds a lone surrogate).</exception>
    /// <exception cref="ObjectDisposedException">The signer has been disposed.</exception>
    public string Sign(string signingString)
    {
        ArgumentNullException.ThrowIfNull(signingString);
        ObjectDisposedException.ThrowIf(_disposed, this);

        byte[] data;
        try
        {
            data = s_utf8.GetBytes(signingString);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The signing string is not valid UTF-16 (it holds a lone surrogate).", nameof(signingString), ex);
        }

        return Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(_key, data));
    }

    /// <summary>Builds the REST signing string (see <see cref="BuildSigningString"/>) and signs it.</summary>
    /// <param name="instruction">The instruction of the operation, for example <c>orderCancel</c>.</param>
    /// <param name="parameters">The query parameters or body fields; <see langword="null"/> for none.</param>
    /// <param name="timestampMs">The request time in Unix milliseconds; send the same value as <c>X-Timestamp</c>.</param>
    /// <param name="windowMs">The validity window in milliseconds; send the same value as <c>X-Window</c>.</param>
    /// <returns>The value of the <c>X-Signature</c> header.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instruction"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="BuildSigningString"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="BuildSigningString"/>.</exception>
    /// <exception cref="ObjectDisposedException">The signer has been disposed.</exception>
    public string Sign(
        string instruction,
        IEnumerable<KeyValuePair<string, object?>>? parameters,
        long timestampMs,
        long windowMs)
        => Sign(BuildSigningString(instruction, parameters, timestampMs, windowMs));

    /// <summary>Describes the signer by its public key; never includes the secret.</summary>
    /// <returns><c>Ed25519Signer { PublicKey = &lt;base64&gt; }</c>.</returns>
    public override string ToString() => $"{nameof(Ed25519Signer)} {{ PublicKey = {PublicKeyBase64} }}";

    /// <summary>Releases the private key. Calling it more than once is harmless.</summary>
    public void Dispose()
    {
        _disposed = true;
        _key.Dispose();
    }

    private static void AppendParameters(
        StringBuilder builder,
        IEnumerable<KeyValuePair<string, object?>> parameters,
        string parameterName)
    {
        var fields = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in parameters)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A parameter key is null or empty.", parameterName);
            }

            if (ContainsSeparator(key))
            {
                throw new ArgumentException($"The parameter key '{key}' must not contain '&' or '='.", parameterName);
            }

            fields.Add(new(key, value is null ? null : FormatValue(key, value, parameterName)));
        }

        fields.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (int i = 0; i < fields.Count; i++)
        {
            var (key, value) = fields[i];
            if (i > 0 && string.Equals(key, fields[i - 1].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The parameter key '{key}' appears more than once.", parameterName);
            }

            if (value is not null)
            {
                builder.Append('&').Append(key).Append('=').Append(value);
            }
        }
    }

    /// <summary>Formats a value the way the request carries it; values are not named in messages.</summary>
    private static string FormatValue(string key, object value, string parameterName)
    {
        switch (value)
        {
            case string text:
                return text;
            case bool flag:
                return flag ? "true" : "false";
            case double number when !double.IsFinite(number):
            case float single when !float.IsFinite(single):
            case Half half when !Half.IsFinite(half):
                throw new ArgumentException($"The parameter '{key}' is not a finite number.", parameterName);
            case decimal or double or float or Half
                or sbyte or byte or short or ushort or int or uint or long or ulong or nint or nuint
                or Int128 or UInt128 or BigInteger:
                return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
            default:
                throw new ArgumentException(
                    $"The parameter '{key}' has type {value.GetType()}; signed values must be strings, booleans or numbers.",
                    parameterName);
        }
    }

    private static bool ContainsSeparator(string text) => text.AsSpan().IndexOfAny('&', '=') >= 0;

    private static ArgumentException NotBase64(string parameterName) =>
        new("The secret key is not valid base64 (standard alphabet, padded).", parameterName);

    private static void ValidateTimestampAndWindow(long timestampMs, long windowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowMs, MaxWindowMilliseconds);
    }
}
