using Backpack.WebSockets.Rest;
using Backpack.WebSockets.Streams;

namespace Backpack.WebSockets;

public partial class BackpackStreamClient
{
    /// <summary>
    /// Refuses a stream whose market the exchange does not list, or lists as closed, before anything is sent (the exchange
    /// would answer with silence). A catalog that cannot be read lets the subscribe go ahead with a warning, unless the
    /// options require it.
    /// </summary>
    private async Task CheckMarketAsync<T>(BackpackStream<T> stream, CancellationToken cancellationToken)
    {
        if (!_options.ValidateSymbols || stream.MarketSymbol is not { } symbol)
        {
            return;
        }

        lock (_gate)
        {
            if (_registry.ContainsKey(stream.Name))
            {
                // Already subscribed, so already checked.
                return;
            }
        }

        switch (await _catalog.GetStatusAsync(symbol, cancellationToken).ConfigureAwait(false))
        {
            case MarketStatus.Unknown:
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.SubscriptionRejected,
                    $"'{symbol}' is not a market of the exchange (GET /api/v1/markets), so '{stream.Name}' would never deliver; nothing was sent.",
                    stream.Name);
            case MarketStatus.Closed:
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.SubscriptionRejected,
                    $"The market '{symbol}' is closed, so '{stream.Name}' would not deliver; nothing was sent.",
                    stream.Name);
            case MarketStatus.CatalogUnavailable when _options.RequireMarketCatalog:
                throw new BackpackStreamException(
                    BackpackStreamErrorCode.RequestFailed,
                    $"The markets catalog could not be read to check '{symbol}', and {nameof(BackpackStreamClientOptions.RequireMarketCatalog)} is set.",
                    stream.Name);
            case MarketStatus.CatalogUnavailable:
                Log.MarketUnchecked(_logger, stream.Name, symbol);
                break;
        }
    }

    /// <summary>Marks a newly accepted stream silent when it delivers nothing within the silent-stream timeout.</summary>
    private void WatchForSilence(StreamRegistration registration)
    {
        if (_options.SilentStreamTimeout is not { } timeout)
        {
            return;
        }

        ITimer? timer = null;
        timer = _timeProvider.CreateTimer(
            _ =>
            {
                timer?.Dispose();
                if (!registration.IsRemoved && registration.FramesReceived == 0)
                {
                    registration.IsSilent = true;
                    _metrics?.RecordSilentStream(registration.StreamType);
                    Log.SilentStream(_logger, registration.Name, timeout);
                }
            },
            null,
            timeout,
            Timeout.InfiniteTimeSpan);
    }
}
