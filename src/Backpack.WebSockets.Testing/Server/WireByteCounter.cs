using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Counts the bytes the server writes to one TCP connection (handshake answer and every frame, compressed or not), by
/// wrapping the connection's output pipe. Cheap: one interlocked add per write.
/// </summary>
internal sealed class WireByteCounter
{
    /// <summary>The key of the counter in the connection's items, shared by Kestrel's connection and its requests.</summary>
    public const string ItemKey = "Backpack.WireByteCounter";

    private long _bytes;

    /// <summary>The bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Kestrel connection middleware: gives every connection a counter and counts its output.</summary>
    public static ConnectionDelegate Middleware(ConnectionDelegate next) => context =>
    {
        var counter = new WireByteCounter();
        context.Items[ItemKey] = counter;
        context.Transport = new CountingPipe(context.Transport, counter);
        return next(context);
    };

    private sealed class CountingPipe(IDuplexPipe inner, WireByteCounter counter) : IDuplexPipe
    {
        public PipeReader Input { get; } = inner.Input;

        public PipeWriter Output { get; } = new CountingWriter(inner.Output, counter);
    }

    private sealed class CountingWriter(PipeWriter inner, WireByteCounter counter) : PipeWriter
    {
        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            Interlocked.Add(ref counter._bytes, bytes);
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
    }
}
