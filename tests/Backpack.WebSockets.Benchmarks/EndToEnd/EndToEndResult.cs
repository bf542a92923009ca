namespace Backpack.WebSockets.Benchmarks.EndToEnd;

/// <summary>One receiver's loopback run.</summary>
/// <param name="Receiver">Which receiver.</param>
/// <param name="Messages">Messages delivered to the consumer.</param>
/// <param name="Dropped">Messages the library dropped because its consumer fell behind (0 for the others).</param>
/// <param name="Elapsed">From sending the request that starts the stream to the last message.</param>
/// <param name="AllocatedBytes">Bytes allocated by this process meanwhile (the sender runs in another process).</param>
/// <param name="CpuTime">CPU time of this process meanwhile.</param>
public sealed record EndToEndResult(ReceiverKind Receiver, long Messages, long Dropped, TimeSpan Elapsed, long AllocatedBytes, TimeSpan CpuTime)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double BytesPerMessage => (double)AllocatedBytes / Math.Max(1, Messages + Dropped);

    public double CpuMicrosecondsPerMessage => CpuTime.TotalMicroseconds / Math.Max(1, Messages + Dropped);
}
