namespace Backpack.WebSockets.Testing;

/// <summary>A seeded market simulator that publishes through a <see cref="BackpackTestServer"/>. (Being built.)</summary>
public sealed class MarketSimulator
{
    /// <summary>Returns the current book of a symbol.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="depth">The most levels per side.</param>
    /// <returns>Nothing yet.</returns>
    public BookSnapshot GetBook(string symbol, int depth = int.MaxValue) => throw new NotImplementedException();
}
