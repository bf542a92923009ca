using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Backpack.WebSockets.Tests.Rest;

/// <summary>
/// An HTTP handler that answers each request with the next scripted response (or a responder function) and records what
/// it was sent. Synchronous answers keep the REST tests free of races; tests that need to hold a request use the order
/// book's <c>FakeHttpHandler</c> pattern instead.
/// </summary>
public sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();

    /// <summary>Answers requests once the script is used up; by default a failing 599.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> Fallback { get; set; } =
        _ => new HttpResponseMessage((HttpStatusCode)599) { Content = new StringContent("script exhausted") };

    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    public ScriptedHttpHandler Then(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _script.Enqueue(respond);
        return this;
    }

    public ScriptedHttpHandler ThenJson(string json, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? configure = null) =>
        Then(_ =>
        {
            var response = Json(json, status);
            configure?.Invoke(response);
            return response;
        });

    public ScriptedHttpHandler ThenText(string text, HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
        Then(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "text/plain") };
            configure?.Invoke(response);
            return response;
        });

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        var respond = _script.TryDequeue(out var next) ? next : Fallback;
        return Task.FromResult(respond(request));
    }
}
