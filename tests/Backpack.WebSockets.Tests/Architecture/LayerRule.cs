namespace Backpack.WebSockets.Tests.Architecture;

/// <summary>What the code of one folder (namespace) of <c>src/Backpack.WebSockets</c> may depend on.</summary>
/// <param name="Folder">The folder: the first namespace segment under <c>Backpack.WebSockets</c>, or <see cref="LayerRules.Root"/>.</param>
/// <param name="Allowed">Folders it may use freely, internals included (its own folder always is).</param>
/// <param name="PublicSurfaceOf">Folders of which it may use only the public surface: public types, through public members.</param>
/// <param name="Root">What it may use of the root namespace.</param>
public sealed record LayerRule(string Folder, IReadOnlySet<string> Allowed, IReadOnlySet<string> PublicSurfaceOf, RootAccess Root);
