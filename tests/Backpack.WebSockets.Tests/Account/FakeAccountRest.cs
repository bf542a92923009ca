using System.Runtime.CompilerServices;
using Backpack.WebSockets.Models;
using Backpack.WebSockets.Rest;

namespace Backpack.WebSockets.Tests.Account;

/// <summary>
/// The REST client, faked through its protected constructor: an account the test sets, a hook that runs while a request is
/// "in flight" (before its answer is taken), and scripted failures.
/// </summary>
internal sealed class FakeAccountRest : BackpackRestClient
{
    private readonly Lock _lock = new();
    private int _failures;
    private int _failStatus;

    public List<Order> OpenOrders { get; } = [];

    public Dictionary<string, AssetBalance> Balances { get; } = new(StringComparer.Ordinal);

    public List<FuturePosition> Positions { get; } = [];

    public List<Order> History { get; } = [];

    public List<Fill> Fills { get; } = [];

    /// <summary>Every request, by name: orders, balances, positions, history, fills.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>The fill queries received.</summary>
    public List<FillQuery> FillQueries { get; } = [];

    /// <summary>Runs while a request is in flight, with its name and how many requests of that name came before.</summary>
    public Func<string, int, Task> InFlight { get; set; } = static (_, _) => Task.CompletedTask;

    public override bool HasCredentials => true;

    /// <summary>Fails the next <paramref name="count"/> requests with <paramref name="status"/>, as the real client does after its own retries.</summary>
    public void FailNext(int count, int status)
    {
        lock (_lock)
        {
            _failures = count;
            _failStatus = status;
        }
    }

    public void SetBalance(string asset, decimal available, decimal locked = 0m)
    {
        lock (_lock)
        {
            Balances[asset] = new AssetBalance { Asset = asset, Available = available, Locked = locked };
        }
    }

    public override async Task<IReadOnlyList<Order>> GetOpenOrdersAsync(string? symbol = null, CancellationToken cancellationToken = default)
    {
        await EnterAsync("orders");
        lock (_lock)
        {
            return [.. OpenOrders];
        }
    }

    public override async Task<IReadOnlyDictionary<string, AssetBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync("balances");
        lock (_lock)
        {
            return new Dictionary<string, AssetBalance>(Balances, StringComparer.Ordinal);
        }
    }

    public override async Task<IReadOnlyList<FuturePosition>> GetOpenPositionsAsync(string? symbol = null, CancellationToken cancellationToken = default)
    {
        await EnterAsync("positions");
        lock (_lock)
        {
            return [.. Positions];
        }
    }

    public override async IAsyncEnumerable<Order> GetOrderHistoryAsync(OrderHistoryQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnterAsync("history");
        List<Order> rows;
        lock (_lock)
        {
            rows = [.. History.Where(o => query?.OrderId is null || o.Id == query.OrderId)];
        }

        foreach (var row in rows)
        {
            yield return row;
        }
    }

    public override async IAsyncEnumerable<Fill> GetFillsAsync(FillQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnterAsync("fills");
        List<Fill> rows;
        lock (_lock)
        {
            FillQueries.Add(query ?? new FillQuery());
            rows = [.. Fills.Where(f => query?.From is not { } from || f.Timestamp >= from)];
        }

        foreach (var row in rows)
        {
            yield return row;
        }
    }

    private async Task EnterAsync(string name)
    {
        int before;
        lock (_lock)
        {
            before = Calls.Count(c => c == name);
            Calls.Add(name);
        }

        await InFlight(name, before);
        lock (_lock)
        {
            if (_failures > 0)
            {
                _failures--;
                throw new BackpackStreamException(BackpackStreamErrorCode.RequestFailed, $"The {name} request was answered {_failStatus}.") { HttpStatusCode = _failStatus };
            }
        }
    }
}
