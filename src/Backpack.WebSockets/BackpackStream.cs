using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

/// <summary>
/// A typed stream descriptor: the stream's name on the wire and how its payload is parsed. Get one from
/// <see cref="BackpackStreams"/>; pass it to <see cref="BackpackStreamClient.SubscribeAsync{T}"/>.
/// </summary>
/// <typeparam name="T">The item type the stream delivers.</typeparam>
public sealed class BackpackStream<T>
{
    internal BackpackStream(string name, PayloadParser<T> parser)
    {
        Name = name;
        Parser = parser;
        IsPrivate = StreamNames.IsPrivate(name);
    }

    /// <summary>The stream name as sent in SUBSCRIBE, for example <c>depth.SOL_USDC</c> or <c>account.orderUpdate</c>.</summary>
    public string Name { get; }

    /// <summary><see langword="true"/> for <c>account.*</c> streams, which need credentials and a signed SUBSCRIBE.</summary>
    public bool IsPrivate { get; }

    /// <summary>Parses the <c>data</c> object of this stream's frames.</summary>
    internal PayloadParser<T> Parser { get; }

    /// <summary>The Backpack market the stream belongs to, checked against the markets catalog; null for streams of no market.</summary>
    internal string? MarketSymbol { get; init; }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The stream name.</returns>
    public override string ToString() => Name;
}
