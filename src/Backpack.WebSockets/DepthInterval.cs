namespace Backpack.WebSockets;

/// <summary>Which depth stream to subscribe to: the real-time one or an aggregated variant.</summary>
public enum DepthInterval
{
    /// <summary><c>depth.&lt;symbol&gt;</c>: pushed as fast as possible (several engine updates may still merge under load).</summary>
    RealTime = 0,

    /// <summary><c>depth.200ms.&lt;symbol&gt;</c>: updates merged over 200 ms.</summary>
    Milliseconds200,

    /// <summary><c>depth.600ms.&lt;symbol&gt;</c>: updates merged over 600 ms.</summary>
    Milliseconds600,

    /// <summary><c>depth.1000ms.&lt;symbol&gt;</c>: updates merged over 1000 ms.</summary>
    Milliseconds1000,
}
