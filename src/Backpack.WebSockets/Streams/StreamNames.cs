namespace Backpack.WebSockets.Streams;

/// <summary>Builds and checks stream names (<c>&lt;type&gt;.&lt;symbol&gt;</c>).</summary>
internal static class StreamNames
{
    /// <summary>The prefix of every private stream.</summary>
    public const string PrivatePrefix = "account.";

    /// <summary>The longest stream name accepted, in characters (names are ASCII, so also in UTF-8 bytes).</summary>
    public const int MaxNameLength = 128;

    public static bool IsPrivate(string name) => name.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>Whether the stream publishes on a steady beat whatever the market does, so silence means a dead connection.</summary>
    public static bool IsTicking(string name) =>
        name.StartsWith("ticker.", StringComparison.Ordinal) || name.StartsWith("markPrice.", StringComparison.Ordinal);

    /// <summary>
    /// The stream type of a name, for metric tags: the name without symbol or interval (<c>depth.200ms.SOL_USDC</c> gives
    /// <c>depth</c>, <c>account.orderUpdate.SOL_USDC</c> gives <c>account.orderUpdate</c>).
    /// </summary>
    /// <remarks>Known types return a literal, so the hot path does not allocate; symbols may contain '.', so only the prefix is read.</remarks>
    public static string StreamTypeOf(string name)
    {
        var end = name.IndexOf('.');
        if (end >= 0 && name.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            var next = name.IndexOf('.', PrivatePrefix.Length);
            end = next < 0 ? name.Length : next;
        }

        var type = end < 0 ? name.AsSpan() : name.AsSpan(0, end);
        return type switch
        {
            "trade" => "trade",
            "depth" => "depth",
            "bookTicker" => "bookTicker",
            "ticker" => "ticker",
            "kline" => "kline",
            "markPrice" => "markPrice",
            "openInterest" => "openInterest",
            "liquidation" => "liquidation",
            "externalTicker" => "externalTicker",
            "stockPrice" => "stockPrice",
            "stockIndicativeQuote" => "stockIndicativeQuote",
            "account.orderUpdate" => "account.orderUpdate",
            "account.positionUpdate" => "account.positionUpdate",
            "account.balanceUpdate" => "account.balanceUpdate",
            "account.rfqUpdate" => "account.rfqUpdate",
            _ => type.ToString(),
        };
    }

    /// <summary>
    /// Checks a user-supplied symbol so that a stream name built from it cannot smuggle another stream or JSON into a request.
    /// Symbols are upper-case letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (tokenized equities such as <c>SPCX.US_USDC</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The symbol is empty or contains any other character.</exception>
    public static string ValidateSymbol(string? symbol, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol, parameterName);
        if (symbol.Length > 64)
        {
            throw new ArgumentException("A symbol is at most 64 characters long.", parameterName);
        }

        foreach (var c in symbol)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException(
                    $"Symbol '{Printable(symbol)}' contains '{Printable(c.ToString())}'; symbols contain only letters, digits, '_', '-' and '.'.",
                    parameterName);
            }
        }

        if (symbol[0] == '.' || symbol[^1] == '.')
        {
            throw new ArgumentException($"Symbol '{symbol}' must not start or end with '.'.", parameterName);
        }

        return symbol;
    }

    /// <summary>
    /// Checks a user-supplied bare stock ticker (spec §4.2): the security without its <c>.US</c> suffix, for example
    /// <c>NVDA</c> or <c>BRK.B</c>. Letters, digits, <c>-</c> and <c>.</c> only; no <c>_</c>, because a name with one is a
    /// market symbol (<c>NVDA.US_USDC</c>), and no <c>.US</c> suffix, because that is the security symbol.
    /// </summary>
    /// <exception cref="ArgumentException">The ticker is empty, too long, contains another character, or is a market or security symbol.</exception>
    public static string ValidateTicker(string? ticker, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticker, parameterName);
        if (ticker.Length > 32)
        {
            throw new ArgumentException("A stock ticker is at most 32 characters long.", parameterName);
        }

        foreach (var c in ticker)
        {
            if (c == '_')
            {
                throw new ArgumentException(
                    $"'{Printable(ticker)}' is a market symbol; stock streams take the bare ticker (NVDA, not NVDA.US_USDC).",
                    parameterName);
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                throw new ArgumentException(
                    $"Ticker '{Printable(ticker)}' contains '{Printable(c.ToString())}'; tickers contain only letters, digits, '-' and '.'.",
                    parameterName);
            }
        }

        if (ticker[0] == '.' || ticker[^1] == '.')
        {
            throw new ArgumentException($"Ticker '{ticker}' must not start or end with '.'.", parameterName);
        }

        if (ticker.EndsWith(".US", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{ticker}' is a security symbol; stock streams take the bare ticker without '.US' (NVDA, not NVDA.US).",
                parameterName);
        }

        return ticker;
    }

    /// <summary>Checks a whole stream name given by a caller (for raw subscriptions and unsubscribe).</summary>
    /// <exception cref="ArgumentException">The name is empty or contains whitespace, quotes, commas or control characters.</exception>
    public static string ValidateStreamName(string? name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException("A stream name is at most 128 characters long.", parameterName);
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException(
                    $"Stream name '{Printable(name)}' contains '{Printable(c.ToString())}'; stream names contain only letters, digits, '_', '-' and '.'.",
                    parameterName);
            }
        }

        return name;
    }

    // Control characters in an exception message would garble logs; show them escaped.
    private static string Printable(string value) =>
        string.Create(value.Length, value, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
}
