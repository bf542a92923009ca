using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.OrderBook;

/// <summary>The levels of a <see cref="LevelChunk"/>, stored inline so a chunk is one allocation and one load away.</summary>
[InlineArray(LevelChunk.Capacity)]
internal struct ChunkLevels
{
    private PriceLevel _first;
}
