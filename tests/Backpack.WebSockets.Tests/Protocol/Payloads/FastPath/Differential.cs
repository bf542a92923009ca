using System.Text;
using Backpack.WebSockets.Protocol;
using Xunit.Sdk;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>Runs both paths of a parser on one payload and checks the fast path's contract.</summary>
internal static class Differential
{
    /// <summary>
    /// The fast path never throws; when it accepts, the general path accepts too and builds an equal model (decimal scales,
    /// times, enums, nulls, level lists) with the same cached symbol instance. Either way the parser as used gives the
    /// general path's model or error.
    /// </summary>
    public static DifferentialOutcome Compare(FastPathCase fastPathCase, byte[] payload)
    {
        object? fast;
        try
        {
            fast = fastPathCase.Fast(payload);
        }
        catch (Exception ex)
        {
            throw new XunitException($"The fast path threw {ex.GetType().Name} ({ex.Message}) instead of declining on {Show(payload)}");
        }

        object? general = null;
        PayloadFormatException? rejected = null;
        try
        {
            general = fastPathCase.General(payload);
        }
        catch (PayloadFormatException ex)
        {
            rejected = ex;
        }

        if (fast is not null)
        {
            if (rejected is not null)
            {
                throw new XunitException($"The fast path accepted what the general path rejects ({rejected.Message}): {Show(payload)}");
            }

            var expected = ModelText.Of(general!);
            var actual = ModelText.Of(fast);
            if (expected != actual)
            {
                throw new XunitException($"The paths disagree on {Show(payload)}\n general: {expected}\n fast:    {actual}");
            }

            var symbol = fastPathCase.Symbol(general!);
            if (Encoding.UTF8.GetByteCount(symbol) <= Backpack.WebSockets.Protocol.Payloads.StringCache.MaxLength
                && !ReferenceEquals(symbol, fastPathCase.Symbol(fast)))
            {
                throw new XunitException($"The fast path's symbol is not the cached instance: {Show(payload)}");
            }
        }

        if (fast is null && rejected is null && InSubset(payload))
        {
            throw new XunitException($"The fast path declined a compact ASCII payload that the general path accepts: {Show(payload)}");
        }

        AssertParseMatchesGeneral(fastPathCase, payload, general, rejected);
        return fast is not null ? DifferentialOutcome.FastAccepted
            : rejected is null ? DifferentialOutcome.DeclinedGeneralAccepted
            : DifferentialOutcome.DeclinedGeneralRejected;
    }

    /// <summary>
    /// Whether the payload is in the fast path's subset as far as bytes go: printable ASCII without backslashes, no
    /// whitespace outside strings, nesting within what the scanner skips. On such a payload the fast path must not decline
    /// what the general path accepts, or the speed-up would be fake.
    /// </summary>
    public static bool InSubset(byte[] payload)
    {
        var inString = false;
        var depth = 0;
        foreach (var b in payload)
        {
            if (b is < 0x20 or >= 0x80 or (byte)'\\')
            {
                return false;
            }

            if (b == (byte)'"')
            {
                inString = !inString;
            }
            else if (!inString)
            {
                if (b == (byte)' ')
                {
                    return false;
                }

                depth += b is (byte)'{' or (byte)'[' ? 1 : b is (byte)'}' or (byte)']' ? -1 : 0;
                if (depth > 17)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The payload for a failure message: as text if it is valid UTF-8, else base64.</summary>
    public static string Show(byte[] payload) =>
        System.Text.Unicode.Utf8.IsValid(payload) ? Encoding.UTF8.GetString(payload) : "base64:" + Convert.ToBase64String(payload);

    private static void AssertParseMatchesGeneral(FastPathCase fastPathCase, byte[] payload, object? general, PayloadFormatException? rejected)
    {
        try
        {
            var parsed = fastPathCase.Parse(payload);
            if (rejected is not null || ModelText.Of(parsed) != ModelText.Of(general!))
            {
                throw new XunitException($"Parse did not give the general path's result on {Show(payload)}");
            }
        }
        catch (PayloadFormatException ex)
        {
            if (rejected is null || ex.Message != rejected.Message)
            {
                throw new XunitException($"Parse did not give the general path's error ({rejected?.Message}) but {ex.Message} on {Show(payload)}");
            }
        }
    }
}
