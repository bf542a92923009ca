using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets.Connections;

/// <summary>A stream of the client's registry and the one connection that carries it.</summary>
/// <param name="Registration">The stream's registration, shared by its consumers.</param>
/// <param name="Connection">The connection it was placed on; it stays there for its lifetime.</param>
internal sealed record StreamPlacement(StreamRegistration Registration, StreamConnection Connection);
