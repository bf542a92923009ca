using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Backpack.WebSockets.Tests.OrderBook;

/// <summary>An HTTP handler the test answers by hand: each request waits for the next queued response.</summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Channel<HttpRequestMessage> _requests = Channel.CreateUnbounded<HttpRequestMessage>();
    private readonly Channel<HttpResponseMessage> _responses = Channel.CreateUnbounded<HttpResponseMessage>();
    private int _requestCount;

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Waits for the next request the code under test sends.</summary>
    public async Task<HttpRequestMessage> NextRequestAsync() => await _requests.Reader.ReadAsync().AsTask().WaitAsync(Fakes.TestTimeouts.Hang);

    public void RespondJson(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public void Respond(HttpResponseMessage response) => _responses.Writer.TryWrite(response);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        _requests.Writer.TryWrite(request);
        return await _responses.Reader.ReadAsync(cancellationToken);
    }
}
