namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>The kinds of value a payload field holds, for <see cref="RandomPayloads"/>.</summary>
internal enum FieldKind
{
    /// <summary>An interned string (symbol, asset).</summary>
    Symbol,

    /// <summary>An optional interned string.</summary>
    NullableSymbol,

    /// <summary>An optional one-off string.</summary>
    NullableString,

    /// <summary>A Unix time in microseconds.</summary>
    Microseconds,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>An optional 64-bit integer.</summary>
    NullableInt64,

    /// <summary>A decimal.</summary>
    Decimal,

    /// <summary>An optional decimal.</summary>
    NullableDecimal,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>An optional boolean.</summary>
    NullableBoolean,

    /// <summary>An enum name.</summary>
    Enum,

    /// <summary>An optional enum name.</summary>
    NullableEnum,

    /// <summary>Depth levels.</summary>
    Levels,
}
