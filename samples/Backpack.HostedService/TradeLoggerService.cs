using Backpack.WebSockets;
using Backpack.WebSockets.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backpack.HostedService;

/// <summary>
/// Logs the trades of one market and, when the client has credentials, the account's order updates. Everything comes from
/// dependency injection: the client registered by <c>AddBackpackStreams</c>, the logger and the clock.
/// </summary>
internal sealed partial class TradeLoggerService : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly BackpackStreamClient _client;
    private readonly StreamSelection _selection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<TradeLoggerService> _logger;

    public TradeLoggerService(BackpackStreamClient client, StreamSelection selection, TimeProvider timeProvider, ILogger<TradeLoggerService> logger)
    {
        _client = client;
        _selection = selection;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var work = new List<Task> { LogTradesAsync(stoppingToken) };
                if (_client.Options.HasCredentials)
                {
                    work.Add(LogOrderUpdatesAsync(stoppingToken));
                }

                await Task.WhenAll(work);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (BackpackStreamException ex) when (ex.ErrorCode is BackpackStreamErrorCode.ConnectionLost or BackpackStreamErrorCode.ConnectionFailed)
            {
                // Why a retry loop although the client reconnects by itself: a first connection that fails, or a reconnect
                // policy that gives up, ends the subscriptions; a new subscribe connects again.
                Log.StreamInterrupted(_logger, ex.ErrorCode, delay, ex);
                await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private async Task LogTradesAsync(CancellationToken cancellationToken)
    {
        await using var trades = await _client.SubscribeAsync(BackpackStreams.Trades(_selection.Symbol), cancellationToken);
        Log.Subscribed(_logger, trades.StreamName);
        await foreach (Trade trade in trades.WithCancellation(cancellationToken))
        {
            Log.TradeReceived(_logger, trade.Symbol, trade.IsBuyerMaker ? "sell" : "buy", trade.Quantity, trade.Price, trade.TradeId);
        }
    }

    private async Task LogOrderUpdatesAsync(CancellationToken cancellationToken)
    {
        await using var orders = await _client.SubscribeAsync(BackpackStreams.OrderUpdates(), cancellationToken);
        Log.Subscribed(_logger, orders.StreamName);
        await foreach (OrderUpdate order in orders.WithCancellation(cancellationToken))
        {
            Log.OrderUpdateReceived(_logger, order.EventType, order.Symbol, order.Side, order.OrderId, order.Status);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Subscribed to {StreamName}.", EventName = "Subscribed")]
        public static partial void Subscribed(ILogger logger, string streamName);

        [LoggerMessage(2, LogLevel.Information, "Trade {Symbol}: {Side} {Quantity} @ {Price} (id {TradeId}).", EventName = "TradeReceived")]
        public static partial void TradeReceived(ILogger logger, string symbol, string side, decimal quantity, decimal price, long tradeId);

        [LoggerMessage(3, LogLevel.Information, "Order {EventType} {Symbol} {Side} #{OrderId}: {Status}.", EventName = "OrderUpdateReceived")]
        public static partial void OrderUpdateReceived(ILogger logger, OrderEventType eventType, string symbol, Side side, long orderId, OrderStatus status);

        [LoggerMessage(4, LogLevel.Warning, "The stream stopped ({ErrorCode}); subscribing again in {Delay}.", EventName = "StreamInterrupted")]
        public static partial void StreamInterrupted(ILogger logger, BackpackStreamErrorCode errorCode, TimeSpan delay, Exception exception);
    }
}
