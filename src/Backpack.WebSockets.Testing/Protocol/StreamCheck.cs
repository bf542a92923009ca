namespace Backpack.WebSockets.Testing;

/// <summary>How the exchange treats a stream name in a SUBSCRIBE (spec §3.4).</summary>
internal enum StreamCheck
{
    /// <summary>A stream the server serves.</summary>
    Valid,

    /// <summary>A known stream type with an unknown or closed symbol: the real exchange answers with silence.</summary>
    UnknownSymbol,

    /// <summary>No such stream type: error 4006.</summary>
    UnknownType,

    /// <summary><c>depth.&lt;N&gt;ms.&lt;symbol&gt;</c> with an unsupported window: error 4008.</summary>
    InvalidDepthWindow,
}
