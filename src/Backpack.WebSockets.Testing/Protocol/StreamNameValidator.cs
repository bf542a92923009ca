namespace Backpack.WebSockets.Testing;

/// <summary>Decides whether a stream name is one the Backpack server serves (spec §4.2) for a set of known symbols.</summary>
/// <remarks>
/// Names are matched by known prefix, never split on <c>.</c>, because symbols may contain a dot (<c>SPCX.US_USDC</c>).
/// Thread-safe: the symbol set may grow while connections validate names.
/// </remarks>
internal sealed class StreamNameValidator
{
    /// <summary>The prefix of every private stream.</summary>
    public const string PrivatePrefix = "account.";

    /// <summary>
    /// Public stream types of the form <c>&lt;prefix&gt;&lt;symbol&gt;</c> (the stock streams take a bare ticker); longer
    /// prefixes first so <c>depth.200ms.</c> wins over <c>depth.</c>.
    /// </summary>
    private static readonly string[] s_symbolPrefixes =
    [
        "depth.200ms.", "depth.600ms.", "depth.1000ms.", "depth.",
        "bookTicker.", "trade.", "ticker.", "markPrice.", "openInterest.",
        "externalTicker.", "stockPrice.", "stockIndicativeQuote.",
    ];

    /// <summary>Private stream types that may be used alone or followed by <c>.&lt;symbol&gt;</c>.</summary>
    private static readonly string[] s_privateScopable = ["account.orderUpdate", "account.positionUpdate", "account.rfqUpdate"];

    /// <summary>Streams that never take a symbol.</summary>
    private static readonly string[] s_global = ["liquidation", "account.balanceUpdate"];

    /// <summary>The known symbols; guarded by its own lock.</summary>
    private readonly HashSet<string> _symbols;

    /// <summary>Creates a validator for the given symbols.</summary>
    public StreamNameValidator(IEnumerable<string> symbols)
    {
        _symbols = new HashSet<string>(symbols, StringComparer.Ordinal);
    }

    /// <summary>Whether the stream is private (<c>account.*</c>) and so needs a signed SUBSCRIBE.</summary>
    public static bool IsPrivate(string stream) => stream.StartsWith(PrivatePrefix, StringComparison.Ordinal);

    /// <summary>Adds symbols that stream names may use.</summary>
    public void AddSymbols(IEnumerable<string> symbols)
    {
        lock (_symbols)
        {
            _symbols.UnionWith(symbols);
        }
    }

    /// <summary>The known symbols, in ordinal order.</summary>
    public IReadOnlyList<string> GetSymbols()
    {
        lock (_symbols)
        {
            return [.. _symbols.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Whether <paramref name="symbol"/> is known.</summary>
    public bool IsKnownSymbol(string symbol)
    {
        lock (_symbols)
        {
            return _symbols.Contains(symbol);
        }
    }

    /// <summary>Whether <paramref name="stream"/> names a stream the server serves, for a known symbol.</summary>
    public bool IsValid(string stream) => Check(stream) == StreamCheck.Valid;

    /// <summary>Classifies <paramref name="stream"/> the way the real exchange answers it (spec §3.4).</summary>
    public StreamCheck Check(string stream)
    {
        if (Array.IndexOf(s_global, stream) >= 0)
        {
            return StreamCheck.Valid;
        }

        foreach (var type in s_privateScopable)
        {
            if (stream == type)
            {
                return StreamCheck.Valid;
            }

            if (stream.StartsWith(type, StringComparison.Ordinal) && stream.Length > type.Length && stream[type.Length] == '.')
            {
                return SymbolCheck(stream[(type.Length + 1)..]);
            }
        }

        if (stream.StartsWith("kline.", StringComparison.Ordinal))
        {
            var rest = stream.AsSpan("kline.".Length);
            var dot = rest.IndexOf('.');
            return dot > 0 && KlineIntervals.IsValid(rest[..dot].ToString())
                ? SymbolCheck(rest[(dot + 1)..].ToString())
                : StreamCheck.UnknownType;
        }

        if (IsInvalidDepthWindow(stream))
        {
            return StreamCheck.InvalidDepthWindow;
        }

        foreach (var prefix in s_symbolPrefixes)
        {
            if (stream.StartsWith(prefix, StringComparison.Ordinal))
            {
                return SymbolCheck(stream[prefix.Length..]);
            }
        }

        return StreamCheck.UnknownType;
    }

    /// <summary>
    /// <c>depth.&lt;N&gt;ms.&lt;symbol&gt;</c> with a window other than 200, 600 or 1000 (OBS: <c>depth.100ms.</c> got 4008).
    /// <c>depth.5.&lt;symbol&gt;</c> is not a window: it reads as an unknown symbol, which got silence.
    /// </summary>
    private static bool IsInvalidDepthWindow(string stream)
    {
        if (!stream.StartsWith("depth.", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = stream.AsSpan("depth.".Length);
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        return digits > 0
            && rest[digits..].StartsWith("ms.", StringComparison.Ordinal)
            && rest[..digits] is not ("200" or "600" or "1000");
    }

    // A name that stops at the dot has no symbol at all: malformed, not an unknown market.
    private StreamCheck SymbolCheck(string symbol) =>
        symbol.Length == 0 ? StreamCheck.UnknownType
        : IsKnownSymbol(symbol) ? StreamCheck.Valid
        : StreamCheck.UnknownSymbol;
}
