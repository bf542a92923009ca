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

    /// <summary>Public stream types of the form <c>&lt;prefix&gt;&lt;symbol&gt;</c>; longer prefixes first so <c>depth.200ms.</c> wins over <c>depth.</c>.</summary>
    private static readonly string[] s_symbolPrefixes =
    [
        "depth.200ms.", "depth.600ms.", "depth.1000ms.", "depth.",
        "bookTicker.", "trade.", "ticker.", "markPrice.", "openInterest.",
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

    /// <summary>Whether <paramref name="stream"/> names a stream the server serves.</summary>
    public bool IsValid(string stream)
    {
        if (Array.IndexOf(s_global, stream) >= 0)
        {
            return true;
        }

        foreach (var type in s_privateScopable)
        {
            if (stream == type)
            {
                return true;
            }

            if (stream.StartsWith(type, StringComparison.Ordinal) && stream.Length > type.Length && stream[type.Length] == '.')
            {
                return IsKnownSymbol(stream[(type.Length + 1)..]);
            }
        }

        if (stream.StartsWith("kline.", StringComparison.Ordinal))
        {
            var rest = stream.AsSpan("kline.".Length);
            var dot = rest.IndexOf('.');
            return dot > 0
                && KlineIntervals.IsValid(rest[..dot].ToString())
                && IsKnownSymbol(rest[(dot + 1)..].ToString());
        }

        foreach (var prefix in s_symbolPrefixes)
        {
            if (stream.StartsWith(prefix, StringComparison.Ordinal))
            {
                return IsKnownSymbol(stream[prefix.Length..]);
            }
        }

        return false;
    }
}
