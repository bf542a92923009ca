using System.Globalization;
using Backpack.WebSockets.OrderBook;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backpack.WebSockets;

/// <summary>
/// Reports whether a <see cref="BackpackStreamClient"/> is connected and whether the order books it feeds are in sync,
/// judging how long each has been down against <see cref="BackpackStreamsHealthCheckOptions"/>.
/// </summary>
/// <remarks>
/// <para>The connection, from <see cref="BackpackStreamClient.State"/> and <see cref="BackpackStreamClient.StateChangedAt"/>:</para>
/// <list type="bullet">
/// <item><description><see cref="BackpackConnectionState.Connected"/>: Healthy.</description></item>
/// <item><description>
/// <see cref="BackpackConnectionState.Disconnected"/> without <see cref="BackpackStreamClient.DisconnectError"/>: Healthy. The
/// client never connected (or a connect was cancelled) and has nothing to do; it connects on the first subscribe, so it is
/// idle, not down.
/// </description></item>
/// <item><description>
/// <see cref="BackpackConnectionState.Reconnecting"/> or <see cref="BackpackConnectionState.Connecting"/>: Healthy, then
/// Degraded once it has lasted <see cref="BackpackStreamsHealthCheckOptions.ConnectionDegradedAfter"/>, then the failure
/// status once it has lasted <see cref="BackpackStreamsHealthCheckOptions.ConnectionUnhealthyAfter"/>.
/// </description></item>
/// <item><description>
/// <see cref="BackpackConnectionState.Disconnected"/> with a <see cref="BackpackStreamClient.DisconnectError"/> (the reconnect
/// policy gave up, or a connect failed), or <see cref="BackpackConnectionState.Closed"/> (disposed): the failure status at
/// once, since nothing will bring the connection back by itself.
/// </description></item>
/// </list>
/// <para>
/// Each watched order book: Healthy while <see cref="OrderBookState.Synced"/>; while <see cref="OrderBookState.Syncing"/> or
/// <see cref="OrderBookState.Stale"/>, Degraded and then the failure status after
/// <see cref="BackpackStreamsHealthCheckOptions.OrderBookDegradedAfter"/> and
/// <see cref="BackpackStreamsHealthCheckOptions.OrderBookUnhealthyAfter"/>, counted from
/// <see cref="BackpackOrderBook.StateChangedAt"/>. The result is the worst of all. The failure status is the registration's
/// (<see cref="HealthStatus.Unhealthy"/> unless configured otherwise).
/// </para>
/// <para>
/// The result's data holds <c>state</c>, <c>stateChangedAt</c> (ISO 8601), <c>activeStreams</c> (a count),
/// <c>disconnectError</c> (the message, when there is one) and, per book, <c>orderBook.{symbol}.state</c>,
/// <c>orderBook.{symbol}.stateChangedAt</c> and <c>orderBook.{symbol}.resyncCount</c>; never a credential.
/// </para>
/// </remarks>
public sealed class BackpackStreamsHealthCheck : IHealthCheck
{
    private readonly BackpackStreamClient _client;
    private readonly BackpackOrderBook[] _orderBooks;
    private readonly Account.BackpackAccountTracker[] _accounts = [];
    private readonly BackpackStreamsHealthCheckOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a check of <paramref name="client"/> and of the books in <paramref name="orderBooks"/>.</summary>
    /// <param name="client">The client whose connection is checked.</param>
    /// <param name="orderBooks">The order books to watch; may be empty.</param>
    /// <param name="options">The thresholds (copied); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">
    /// The clock that measures how long a state has lasted; give the one the client and books use.
    /// <see cref="TimeProvider.System"/> when <see langword="null"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="orderBooks"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="BackpackStreamsHealthCheckOptions.Validate"/>).</exception>
    public BackpackStreamsHealthCheck(
        BackpackStreamClient client,
        IEnumerable<BackpackOrderBook> orderBooks,
        BackpackStreamsHealthCheckOptions? options = null,
        TimeProvider? timeProvider = null)
        : this(client, orderBooks, [], options, timeProvider)
    {
    }

    /// <summary>Creates the check for a client, its order books and its account trackers.</summary>
    /// <param name="client">The client whose connections are checked.</param>
    /// <param name="orderBooks">The order books to watch.</param>
    /// <param name="accounts">
    /// The account trackers to watch: each is judged like a book (Healthy while <c>Synced</c>, then Degraded and Unhealthy
    /// after the order-book thresholds spent <c>Syncing</c> or <c>Stale</c>).
    /// </param>
    /// <param name="options">The thresholds; copied. <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock durations are measured on; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="orderBooks"/> or <paramref name="accounts"/> is null.</exception>
    /// <exception cref="ArgumentException">A threshold is negative, or an Unhealthy one is below its Degraded one.</exception>
    public BackpackStreamsHealthCheck(
        BackpackStreamClient client,
        IEnumerable<BackpackOrderBook> orderBooks,
        IEnumerable<Account.BackpackAccountTracker> accounts,
        BackpackStreamsHealthCheckOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = [.. accounts];
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(orderBooks);
        _options = options?.Clone() ?? new BackpackStreamsHealthCheckOptions();
        _options.Validate();
        _client = client;
        _orderBooks = [.. orderBooks];
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads the client's and the books' states; completes synchronously.</summary>
    /// <param name="context">The registration being checked; its failure status stands in for Unhealthy.</param>
    /// <param name="cancellationToken">Not used: the check does no I/O.</param>
    /// <returns>The worst status found, a description of every problem, and the data described on the type.</returns>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var now = _timeProvider.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();

        var state = _client.State;
        var since = _client.StateChangedAt;
        var error = _client.DisconnectError;
        data["state"] = state.ToString();
        data["stateChangedAt"] = FormatTime(since);
        data["activeStreams"] = _client.ActiveStreams.Count;
        if (error is not null)
        {
            data["disconnectError"] = error.Message;
        }

        // Every connection counts: one extra connection whose reconnect policy gave up is as unhealthy as the first.
        var connections = state == BackpackConnectionState.Closed ? [] : _client.Connections;
        data["connections"] = connections.Count;
        var status = connections.Count == 0 ? Assess(state, since, error, now, failureStatus) : HealthStatus.Healthy;
        if (connections.Count == 0 && (status != HealthStatus.Healthy || state is BackpackConnectionState.Connecting or BackpackConnectionState.Reconnecting))
        {
            problems.Add(DescribeConnection(state, now - since, error));
        }

        foreach (var connection in connections)
        {
            var prefix = $"connection.{connection.Id.ToString(CultureInfo.InvariantCulture)}.";
            data[prefix + "state"] = connection.State.ToString();
            data[prefix + "stateChangedAt"] = FormatTime(connection.StateChangedAt);
            data[prefix + "streams"] = connection.Streams.Count;
            data[prefix + "isPrivate"] = connection.IsPrivate;
            data[prefix + "reconnects"] = connection.ReconnectCount;
            if (connection.DisconnectError is { } connectionError)
            {
                data[prefix + "disconnectError"] = connectionError.Message;
            }

            var connectionStatus = Assess(connection.State, connection.StateChangedAt, connection.DisconnectError, now, failureStatus);
            status = Worst(status, connectionStatus);
            if (connectionStatus != HealthStatus.Healthy || connection.State is BackpackConnectionState.Connecting or BackpackConnectionState.Reconnecting)
            {
                var described = DescribeConnection(connection.State, now - connection.StateChangedAt, connection.DisconnectError);
                problems.Add(connections.Count == 1 ? described : $"connection {connection.Id} ({(connection.IsPrivate ? "private" : "public")}) {described}");
            }
        }

        var synced = 0;
        foreach (var book in _orderBooks)
        {
            var bookState = book.State;
            var bookSince = book.StateChangedAt;
            var prefix = $"orderBook.{book.Symbol}.";
            data[prefix + "state"] = bookState.ToString();
            data[prefix + "stateChangedAt"] = FormatTime(bookSince);
            data[prefix + "resyncCount"] = book.ResyncCount;
            if (bookState == OrderBookState.Synced)
            {
                synced++;
                continue;
            }

            var bookStatus = ByDuration(now - bookSince, _options.OrderBookDegradedAfter, _options.OrderBookUnhealthyAfter, failureStatus);
            status = Worst(status, bookStatus);
            problems.Add($"order book {book.Symbol} {bookState} for {FormatDuration(now - bookSince)}");
        }

        for (var i = 0; i < _accounts.Length; i++)
        {
            var account = _accounts[i];
            var accountState = account.State;
            var accountSince = account.StateChangedAt;
            var prefix = _accounts.Length == 1 ? "account." : $"account.{i.ToString(CultureInfo.InvariantCulture)}.";
            data[prefix + "state"] = accountState.ToString();
            data[prefix + "stateChangedAt"] = FormatTime(accountSince);
            data[prefix + "reconcileCount"] = account.ReconcileCount;
            if (accountState != Account.AccountState.Synced)
            {
                status = Worst(status, ByDuration(now - accountSince, _options.OrderBookDegradedAfter, _options.OrderBookUnhealthyAfter, failureStatus));
                problems.Add($"account {accountState} for {FormatDuration(now - accountSince)}");
            }
        }

        var summary = problems.Count == 0
            ? (state == BackpackConnectionState.Connected ? "Connected" : "Idle: not connected and nothing to do")
            : string.Join("; ", problems);
        var description = _orderBooks.Length == 0 ? $"{summary}." : $"{summary}. {synced} of {_orderBooks.Length} order books synced.";
        return Task.FromResult(new HealthCheckResult(status, description, exception: null, data));
    }

    /// <summary>One connection's (or, with none, the client's) status by the table the README gives.</summary>
    private HealthStatus Assess(BackpackConnectionState state, DateTimeOffset since, Exception? error, DateTimeOffset now, HealthStatus failureStatus) => state switch
    {
        BackpackConnectionState.Connected => HealthStatus.Healthy,
        BackpackConnectionState.Disconnected when error is null => HealthStatus.Healthy,
        BackpackConnectionState.Connecting or BackpackConnectionState.Reconnecting =>
            ByDuration(now - since, _options.ConnectionDegradedAfter, _options.ConnectionUnhealthyAfter, failureStatus),
        _ => failureStatus,
    };

    private static HealthStatus ByDuration(TimeSpan elapsed, TimeSpan degradedAfter, TimeSpan unhealthyAfter, HealthStatus failureStatus) =>
        elapsed >= unhealthyAfter ? Worst(failureStatus, HealthStatus.Degraded)
        : elapsed >= degradedAfter ? HealthStatus.Degraded
        : HealthStatus.Healthy;

    /// <summary>The worse of two statuses (the enum orders them Unhealthy, Degraded, Healthy).</summary>
    private static HealthStatus Worst(HealthStatus a, HealthStatus b) => a < b ? a : b;

    private static string DescribeConnection(BackpackConnectionState state, TimeSpan elapsed, Exception? error) => state switch
    {
        BackpackConnectionState.Closed => "the client was disposed",
        BackpackConnectionState.Disconnected => $"disconnected for {FormatDuration(elapsed)} and not reconnecting: {error?.Message}",
        _ => $"{state} for {FormatDuration(elapsed)}",
    };

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan elapsed) =>
        elapsed < TimeSpan.Zero ? "0 s" : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.###} s");
}
