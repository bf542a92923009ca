using System.Web;
using Backpack.WebSockets.Recording;

namespace Backpack.StreamViewer;

/// <summary>
/// An HTTP handler for the client's <see cref="HttpClient"/> that hands the body of every successful
/// <c>GET /api/v1/depth</c> answer to a recorder, then lets the order book read it as usual.
/// </summary>
internal sealed class SnapshotRecordingHandler(IBackpackFrameRecorder recorder, TimeProvider timeProvider, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode
            && request.RequestUri is { } uri
            && uri.AbsolutePath.EndsWith("/api/v1/depth", StringComparison.Ordinal)
            && HttpUtility.ParseQueryString(uri.Query)["symbol"] is { Length: > 0 } symbol)
        {
            // Why buffer: the body is read here and again by the order book.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            recorder.OnDepthSnapshot(symbol, body, timeProvider.GetUtcNow());
        }

        return response;
    }
}
