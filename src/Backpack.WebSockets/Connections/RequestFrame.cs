namespace Backpack.WebSockets.Connections;

/// <summary>One request frame the subscribe-request queue hands to its socket: SUBSCRIBE or UNSUBSCRIBE of some streams.</summary>
/// <param name="Method"><see cref="Protocol.RequestWriter.Subscribe"/> or <see cref="Protocol.RequestWriter.Unsubscribe"/>.</param>
/// <param name="Streams">The stream names, at least one.</param>
/// <param name="Signed">Whether the frame carries a fresh signature (a SUBSCRIBE of private streams).</param>
internal sealed record RequestFrame(string Method, IReadOnlyList<string> Streams, bool Signed);
