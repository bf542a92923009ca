namespace Backpack.WebSockets;

/// <summary>Typed stream descriptors. (Being built.)</summary>
public static partial class BackpackStreams
{
}
