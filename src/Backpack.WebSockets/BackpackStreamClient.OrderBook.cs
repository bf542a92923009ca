using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>The client's clock, for order books built on it (the system clock for a mocked client).</summary>
    internal TimeProvider TimeProvider => _timeProvider ?? TimeProvider.System;

    /// <summary>The client's logger factory, so order books log where the client logs.</summary>
    internal ILoggerFactory LoggerFactory { get; } = NullLoggerFactory.Instance;
}
