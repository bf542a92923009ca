using Backpack.WebSockets.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backpack.WebSockets.Rest;

/// <summary>
/// A cached <c>GET /api/v1/markets</c> that answers whether a symbol exists and trades (spec §3.4: the exchange answers a
/// subscribe to an unknown or closed market with silence, so the client must check beforehand).
/// </summary>
/// <remarks>
/// <para>
/// The catalog is read on the first question and again on the first question after <see cref="RefreshInterval"/>, or on
/// that schedule in the background once <see cref="StartRefreshing"/> was called. A
/// symbol it does not list makes it read again at once (a market listed since), but at most once per
/// <see cref="MinRefreshInterval"/>, so a typo cannot turn every subscribe into a REST call. A failed read is retried no
/// sooner than that either; meanwhile the last catalog read still answers, or <see cref="MarketStatus.CatalogUnavailable"/>
/// when there is none.
/// </para>
/// <para>Thread-safe: concurrent questions share one read.</para>
/// </remarks>
internal sealed partial class MarketCatalog : IDisposable
{
    /// <summary>The default age after which the catalog is read again, 5 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>The default shortest time between two reads, 30 s.</summary>
    public static readonly TimeSpan DefaultMinRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly BackpackRestClient _rest;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();

    /// <summary>The last catalog read, by symbol; replaced whole, never changed. Guarded by <see cref="_lock"/> for writes.</summary>
    private volatile IReadOnlyDictionary<string, Market>? _markets;

    /// <summary>When the last catalog was read; guarded by <see cref="_lock"/>.</summary>
    private DateTimeOffset _loadedAt;

    /// <summary>When the last read was started (successful or not); guarded by <see cref="_lock"/>.</summary>
    private DateTimeOffset? _lastAttemptAt;

    /// <summary>The refresh timer of <see cref="StartRefreshing"/>, if started; guarded by <see cref="_lock"/>.</summary>
    private ITimer? _timer;

    /// <summary>The last read started, shared by concurrent questions while it runs; guarded by <see cref="_lock"/>.</summary>
    private Task? _refresh;

    /// <summary>Creates a catalog that reads through <paramref name="rest"/>.</summary>
    public MarketCatalog(BackpackRestClient rest, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _rest = rest;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<MarketCatalog>() ?? NullLogger.Instance;
    }

    /// <summary>The age after which the catalog is read again on the next question.</summary>
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>The shortest time between two reads (after an unknown symbol or a failed read).</summary>
    public TimeSpan MinRefreshInterval { get; init; } = DefaultMinRefreshInterval;

    /// <summary>How many times the catalog was read (successfully or not).</summary>
    public int ReadCount { get; private set; }

    /// <summary>Answers whether <paramref name="symbol"/> is a listed, open market.</summary>
    /// <param name="symbol">The market symbol, exact case.</param>
    /// <param name="cancellationToken">Cancels waiting for a read (the read itself goes on for the other callers).</param>
    /// <returns>The symbol's status.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<MarketStatus> GetStatusAsync(string symbol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var markets = _markets;
        if (markets is null || IsStale())
        {
            await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
            markets = _markets;
        }

        if (markets is not null && !markets.ContainsKey(symbol))
        {
            // Listed since the last read? Read again, rate-limited.
            await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
            markets = _markets;
        }

        if (markets is null)
        {
            return MarketStatus.CatalogUnavailable;
        }

        return markets.TryGetValue(symbol, out var market)
            ? market.OrderBookState == MarketOrderBookState.Closed ? MarketStatus.Closed : MarketStatus.Known
            : MarketStatus.Unknown;
    }

    /// <summary>
    /// Also reads the catalog every <see cref="RefreshInterval"/> in the background (on the <see cref="TimeProvider"/>), so a
    /// market closed or listed meanwhile is known before anyone asks. Calling it again does nothing.
    /// </summary>
    public void StartRefreshing()
    {
        lock (_lock)
        {
            _timer ??= _timeProvider.CreateTimer(
                static state => _ = ((MarketCatalog)state!).RefreshAsync(force: true, CancellationToken.None),
                this,
                RefreshInterval,
                RefreshInterval);
        }
    }

    /// <summary>Stops the background refresh; questions are still answered (and read on demand).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private bool IsStale()
    {
        lock (_lock)
        {
            return _timeProvider.GetUtcNow() - _loadedAt >= RefreshInterval;
        }
    }

    /// <summary>Starts a read unless one runs or the last one is too recent, and waits for the one in flight.</summary>
    private Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        Task refresh;
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            // A finished read (even one that completed synchronously) leaves a completed task here, never a stale "in flight".
            if (_refresh is not { IsCompleted: false })
            {
                var tooSoon = _lastAttemptAt is { } last && now - last < MinRefreshInterval;
                var needed = force || _markets is null || now - _loadedAt >= RefreshInterval;
                if (!needed || tooSoon)
                {
                    return Task.CompletedTask;
                }

                _lastAttemptAt = now;
                ReadCount++;
                _refresh = ReadAsync();
            }

            refresh = _refresh;
        }

        return refresh.WaitAsync(cancellationToken);
    }

    /// <summary>Reads the catalog; never throws (a failure keeps the previous catalog and is logged).</summary>
    private async Task ReadAsync()
    {
        try
        {
            // Not the caller's token: the read is shared, and one caller giving up must not fail it for the others.
            var list = await _rest.GetMarketsAsync(CancellationToken.None).ConfigureAwait(false);
            var markets = new Dictionary<string, Market>(StringComparer.Ordinal);
            foreach (var market in list)
            {
                markets[market.Symbol] = market;
            }

            lock (_lock)
            {
                _markets = markets;
                _loadedAt = _timeProvider.GetUtcNow();
            }

            Log.CatalogRead(_logger, markets.Count);
        }
        catch (Exception ex) when (ex is BackpackStreamException or HttpRequestException)
        {
            Log.CatalogReadFailed(_logger, _markets is not null, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Markets catalog read: {Count} markets.", EventName = "CatalogRead")]
        public static partial void CatalogRead(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Markets catalog could not be read (previous catalog kept: {Kept}).", EventName = "CatalogReadFailed")]
        public static partial void CatalogReadFailed(ILogger logger, bool kept, Exception exception);
    }
}
