namespace Backpack.WebSockets.Models;

/// <summary>
/// A request-for-quote or quote event, from <c>account.rfqUpdate[.&lt;symbol&gt;]</c>. Which optional fields are set depends
/// on <see cref="EventType"/>.
/// </summary>
/// <remarks>Makers must quote before <see cref="SubmissionDeadline"/>; the RFQ lives until <see cref="Expiry"/>.</remarks>
public sealed record RfqUpdate
{
    /// <summary>What happened (<c>e</c>); <see cref="RfqEventType.Unknown"/> for values added later.</summary>
    public RfqEventType EventType { get; init; }

    /// <summary>The RFQ market symbol (<c>s</c>), for example <c>SOL_USDC_RFQ</c>.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>When the WebSocket server emitted the event (<c>E</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EventTime { get; init; }

    /// <summary>Matching-engine time (<c>T</c>, UTC, from microseconds).</summary>
    public DateTimeOffset EngineTime { get; init; }

    /// <summary>The RFQ id (<c>R</c>); values are around 1.1e17, beyond the exact range of a <see cref="double"/>.</summary>
    public long RfqId { get; init; }

    /// <summary>The quote id (<c>u</c>) on quote, candidate and fill events.</summary>
    public long? QuoteId { get; init; }

    /// <summary>
    /// The client RFQ id or client quote id (<c>C</c>), depending on the event, as text (the wire sends a string or a number).
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>The RFQ side (<c>S</c>).</summary>
    public Side? Side { get; init; }

    /// <summary>The quantity in the base asset (<c>q</c>); exactly one of this and <see cref="QuoteQuantity"/> is set on RFQ events.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The quantity in the quote asset (<c>Q</c>).</summary>
    public decimal? QuoteQuantity { get; init; }

    /// <summary>The price (<c>p</c>); to the requester on candidate and fill events it includes the fee.</summary>
    public decimal? Price { get; init; }

    /// <summary>The deadline for submitting quotes (<c>w</c>, UTC, from <b>milliseconds</b>).</summary>
    public DateTimeOffset? SubmissionDeadline { get; init; }

    /// <summary>When the RFQ expires (<c>W</c>, UTC, from <b>milliseconds</b>).</summary>
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>The RFQ or quote status (<c>X</c>).</summary>
    public RfqStatus? Status { get; init; }

    /// <summary>The system order type (<c>o</c>) of system-initiated RFQs, verbatim (for example <c>CollateralConversion</c>).</summary>
    public string? SystemOrderType { get; init; }
}
