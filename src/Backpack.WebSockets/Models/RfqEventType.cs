namespace Backpack.WebSockets.Models;

/// <summary>The event of an RFQ update (wire field <c>e</c>).</summary>
public enum RfqEventType
{
    /// <summary>A value this library does not know yet, or the frame had no <c>e</c>.</summary>
    Unknown = 0,

    /// <summary><c>rfqActive</c>: an RFQ is open for quotes (broadcast to makers); repeated with a new deadline to re-open quoting.</summary>
    RfqActive,

    /// <summary><c>rfqAccepted</c>: the RFQ was accepted.</summary>
    RfqAccepted,

    /// <summary><c>rfqRefreshed</c>: the RFQ was refreshed.</summary>
    RfqRefreshed,

    /// <summary><c>rfqCancelled</c>: the RFQ was cancelled or expired.</summary>
    RfqCancelled,

    /// <summary><c>rfqCandidate</c>: a new best quote, sent to the requester.</summary>
    RfqCandidate,

    /// <summary><c>rfqFilled</c>: the RFQ was filled (sent to requester and quoter).</summary>
    RfqFilled,

    /// <summary><c>quoteAccepted</c>: the quote was accepted (sent to the quoter).</summary>
    QuoteAccepted,

    /// <summary><c>quoteCancelled</c>: the quote was cancelled (sent to the quoter).</summary>
    QuoteCancelled,

    /// <summary><c>rfqAcceptedBinding</c>: sent to quoters of deferred-settlement RFQs only (seen in the official Rust client, not in the docs).</summary>
    RfqAcceptedBinding,
}
