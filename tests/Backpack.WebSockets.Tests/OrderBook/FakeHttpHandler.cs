using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>
/// An HTTP handler the test answers by hand. Each response goes to one request: the oldest request that
/// <see cref="NextRequestAsync"/> returned and that was not answered yet, never to a request the test has not seen (a
/// shared queue of responses let a late request of an old fetch take the answer meant for a new one).
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Channel<(HttpRequestMessage Request, TaskCompletionSource<HttpResponseMessage> Response)> _requests =
        Channel.CreateUnbounded<(HttpRequestMessage, TaskCompletionSource<HttpResponseMessage>)>();

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource<HttpResponseMessage>> _seen = new();
    private int _requestCount;

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Waits for the next request the code under test sends; the next <see cref="Respond"/> answers it.</summary>
    public async Task<HttpRequestMessage> NextRequestAsync()
    {
        var (request, response) = await _requests.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Hang);
        lock (_lock)
        {
            _seen.Enqueue(response);
        }

        return request;
    }

    public void RespondJson(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Answers the oldest request <see cref="NextRequestAsync"/> returned that still waits (not answered, not cancelled).</summary>
    public void Respond(HttpResponseMessage response)
    {
        lock (_lock)
        {
            while (_seen.TryDequeue(out var pending))
            {
                if (pending.TrySetResult(response))
                {
                    return;
                }
            }
        }

        throw new InvalidOperationException("No request waits for an answer: await NextRequestAsync first.");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        var response = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Writer.TryWrite((request, response));

        // A cancelled request (a timeout) completes its source, so a later answer goes to the next request instead.
        await using var registration = cancellationToken.Register(() => response.TrySetCanceled(cancellationToken));
        return await response.Task;
    }
}
