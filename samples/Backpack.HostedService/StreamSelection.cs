namespace Backpack.HostedService;

/// <summary>What the worker subscribes to, from the command line.</summary>
/// <param name="Symbol">The market whose trades are logged.</param>
internal sealed record StreamSelection(string Symbol);
