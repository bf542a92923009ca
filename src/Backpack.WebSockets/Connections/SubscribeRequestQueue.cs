using System.Diagnostics;
using System.Threading.Channels;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;
using Microsoft.Extensions.Logging;

namespace Backpack.WebSockets.Connections;

/// <summary>
/// The SUBSCRIBE / UNSUBSCRIBE requests of one socket, and the only place that decides which SUBSCRIBE an error frame
/// belongs to.
/// </summary>
/// <remarks>
/// <para>
/// Backpack acknowledges a good SUBSCRIBE with silence and its error frames carry <c>"id": null</c> (spec §3.4). So every
/// SUBSCRIBE sent stays "in flight" until the stream's first data frame (accepted), or its error window passes in
/// silence (accepted); an error frame belongs to the SUBSCRIBEs in flight when it arrives. Streams queued at the same
/// time go out together, in one frame per kind (public, and private with one fresh signature), bounded by a stream count
/// and a size.
/// </para>
/// <para>
/// An error frame with one stream in flight rejects it at once. With several in flight, the queue assumes the worst (the
/// server may have rejected the whole frame for one bad member) and narrows the error down: it sends half of the suspects
/// alone; if that half passes its window, the other half holds the culprit; if it draws the error, the culprit is in it
/// and the other half is sent again normally later. A lone suspect is always sent alone once more, so only a stream that
/// draws a fresh error alone is rejected. While it narrows, new SUBSCRIBEs wait; UNSUBSCRIBEs go out at once. A duplicate
/// SUBSCRIBE is harmless (spec §3.4).
/// </para>
/// <para>
/// A SUBSCRIBE whose consumers all left before its answer stays in flight until its window ends, so a late error frame
/// lands on it and not on the next stream. Thread-safe: the receive loop, the pump, the window timer and the owner call
/// in concurrently; all state changes under one lock, and no callback runs under it.
/// </para>
/// </remarks>
internal sealed partial class SubscribeRequestQueue : IDisposable
{
    /// <summary>The most streams in one SUBSCRIBE frame (one live frame carried 91 depth streams: spec §2.3).</summary>
    public const int MaxStreamsPerFrame = 200;

    /// <summary>The most bytes of stream names in one frame.</summary>
    public const int MaxNameBytesPerFrame = 16 * 1024;

    private readonly Lock _lock = new();
    private readonly Func<RequestFrame, CancellationToken, Task> _send;
    private readonly Action<StreamRegistration, BackpackStreamException> _onRejected;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _window;
    private readonly ILogger _logger;

    /// <summary>A pulse for the pump: something may be ready to send.</summary>
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly List<SubscribeRequest> _toSend = [];
    private readonly List<UnsubscribeRequest> _toUnsubscribe = [];
    private readonly List<SubscribeRequest> _inFlight = [];

    /// <summary>While narrowing an error down: the suspects not sent in the current probe.</summary>
    private List<SubscribeRequest>? _probeRest;

    /// <summary>While narrowing an error down: the probe to send next, or null once it was sent.</summary>
    private List<SubscribeRequest>? _probeToSend;

    private bool _probing;
    private bool _closed;
    private int _releasedInFlight;

    /// <summary>The timer of the earliest error window in flight, and that window's deadline; replaced when it changes.</summary>
    private ITimer? _timer;
    private long _timerDeadline;

    /// <param name="send">Sends one frame on the socket; a failure means the socket is broken.</param>
    /// <param name="onRejected">Told (outside the lock) about every stream the server rejected, with its typed error.</param>
    /// <param name="timeProvider">The clock of the error windows.</param>
    /// <param name="window">How long silence after a SUBSCRIBE takes to mean acceptance.</param>
    /// <param name="logger">Where the queue logs.</param>
    public SubscribeRequestQueue(
        Func<RequestFrame, CancellationToken, Task> send,
        Action<StreamRegistration, BackpackStreamException> onRejected,
        TimeProvider timeProvider,
        TimeSpan window,
        ILogger logger)
    {
        _send = send;
        _onRejected = onRejected;
        _timeProvider = timeProvider;
        _window = window;
        _logger = logger;
    }

    /// <summary>Whether a stream whose consumers all left is still in flight: the receive loop then reports its frames.</summary>
    public bool HasReleasedInFlight => Volatile.Read(ref _releasedInFlight) > 0;

    /// <summary>Queues a SUBSCRIBE of <paramref name="registration"/>.</summary>
    /// <returns>A task that completes when the server answered it, or it was dropped, or the socket ended. Never faults.</returns>
    public Task EnqueueSubscribe(StreamRegistration registration)
    {
        var request = new SubscribeRequest(registration);
        lock (_lock)
        {
            if (_closed)
            {
                return Task.CompletedTask;
            }

            registration.AwaitingAnswer = true;
            _toSend.Add(request);
        }

        Pulse();
        return request.Answered.Task;
    }

    /// <summary>
    /// Withdraws <paramref name="registration"/> (its consumers left): a SUBSCRIBE not sent yet is dropped; one in flight
    /// stays the target of a late error until its window ends; the server's subscription, if any, is undone by an UNSUBSCRIBE.
    /// </summary>
    /// <returns>A task that completes when the UNSUBSCRIBE was sent or not needed. Never faults.</returns>
    public Task EnqueueUnsubscribe(StreamRegistration registration)
    {
        UnsubscribeRequest request;
        lock (_lock)
        {
            if (_closed)
            {
                return Task.CompletedTask;
            }

            var unsent = RemoveUnsentLocked(registration);
            if (_inFlight.Exists(r => ReferenceEquals(r.Registration, registration)))
            {
                _releasedInFlight++;
            }
            else if (unsent)
            {
                // Never sent: nothing to undo.
                return Task.CompletedTask;
            }

            request = new UnsubscribeRequest(registration);
            _toUnsubscribe.Add(request);
        }

        Pulse();
        return request.Sent.Task;
    }

    /// <summary>A data frame of <paramref name="registration"/> arrived: it proves the server accepted the SUBSCRIBE.</summary>
    public void OnData(StreamRegistration registration)
    {
        SubscribeRequest? accepted;
        lock (_lock)
        {
            accepted = TakeLocked(_inFlight, registration) ?? TakeLocked(_probeRest, registration) ?? TakeLocked(_probeToSend, registration);
            AfterAnswerLocked();
        }

        if (accepted is not null)
        {
            Accept(accepted);
        }
    }

    /// <summary>A data frame for a stream not on the socket arrived: if it is a released stream in flight, that ends its wait.</summary>
    public void OnUnroutedData(ReadOnlySpan<byte> utf8StreamName)
    {
        lock (_lock)
        {
            var index = -1;
            for (var i = 0; i < _inFlight.Count && index < 0; i++)
            {
                if (_inFlight[i].Registration.IsRemoved && _inFlight[i].Registration.HasName(utf8StreamName))
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                return;
            }

            var request = _inFlight[index];
            _inFlight.RemoveAt(index);
            _releasedInFlight--;
            Finish(request);
            AfterAnswerLocked();
        }
    }

    /// <summary>Attributes a server error frame.</summary>
    /// <returns>Where the error went.</returns>
    public ErrorAttribution OnError(int code, string? message)
    {
        SubscribeRequest? rejected = null;
        lock (_lock)
        {
            if (_inFlight.Count == 0)
            {
                return ErrorAttribution.None;
            }

            if (_inFlight.Count == 1)
            {
                rejected = _inFlight[0];
                _inFlight.Clear();
                if (_probing)
                {
                    // The probe found it: whatever was not probed was never suspect on its own; send it normally.
                    EndProbeLocked(requeueRest: true);
                }
            }
            else
            {
                if (_probing)
                {
                    // The culprit is in this half; the other half goes back to the normal queue.
                    EndProbeLocked(requeueRest: true);
                }

                var suspects = new List<SubscribeRequest>(_inFlight);
                _inFlight.Clear();
                Log.NarrowingRejection(_logger, code, suspects.Count);
                StartProbeLocked(suspects);
            }

            ArmTimerLocked();
        }

        var attribution = ErrorAttribution.Stream;
        if (rejected is not null)
        {
            attribution = rejected.Registration.IsRemoved ? ErrorAttribution.ReleasedStream : ErrorAttribution.Stream;
            Reject(rejected, code, message);
        }

        Pulse();
        return attribution;
    }

    /// <summary>
    /// Sends the queued requests, one frame at a time, until <paramref name="cancellationToken"/> is cancelled. A failed send
    /// throws: the socket is broken and the caller ends it.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                while (true)
                {
                    List<UnsubscribeRequest>? unsubscribes;
                    RequestFrame? frame;
                    lock (_lock)
                    {
                        frame = TakeNextFrameLocked(out unsubscribes);
                    }

                    if (frame is null)
                    {
                        break;
                    }

                    try
                    {
                        await _send(frame, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Sent, or the socket is gone and with it the server's subscriptions: either way nobody waits any more.
                        unsubscribes?.ForEach(static u => u.Sent.TrySetResult());
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The socket ended.
        }
    }

    /// <summary>
    /// Stops the queue for good (its socket ended): every request completes, nothing more is sent, and the streams'
    /// server subscriptions are gone with the socket.
    /// </summary>
    public void Close()
    {
        List<SubscribeRequest> pending;
        List<UnsubscribeRequest> unsubscribes;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _timer?.Dispose();
            _timer = null;
            pending = [.. _inFlight, .. _toSend, .. _probeRest ?? [], .. _probeToSend ?? []];
            unsubscribes = [.. _toUnsubscribe];
            _inFlight.Clear();
            _toSend.Clear();
            _toUnsubscribe.Clear();
            _probeRest = _probeToSend = null;
            _probing = false;
            _releasedInFlight = 0;
        }

        foreach (var request in pending)
        {
            request.Registration.SubscribeSent = false;
            Finish(request);
        }

        unsubscribes.ForEach(static u => u.Sent.TrySetResult());
        _wake.Writer.TryComplete();
    }

    public void Dispose() => Close();

    private void Pulse() => _wake.Writer.TryWrite(true);

    /// <summary>The next frame to send, marking its SUBSCRIBEs in flight before the send (an error may beat the send's return).</summary>
    private RequestFrame? TakeNextFrameLocked(out List<UnsubscribeRequest>? unsubscribes)
    {
        unsubscribes = null;
        if (_closed)
        {
            return null;
        }

        if (_toUnsubscribe.Count > 0)
        {
            // Only streams the server may hold need undoing; the rest complete at once.
            var sendable = _toUnsubscribe.Where(u => u.Registration.SubscribeSent).Take(MaxStreamsPerFrame).ToList();
            foreach (var skipped in _toUnsubscribe.Where(u => !u.Registration.SubscribeSent).ToList())
            {
                _toUnsubscribe.Remove(skipped);
                skipped.Sent.TrySetResult();
            }

            if (sendable.Count > 0)
            {
                _toUnsubscribe.RemoveAll(sendable.Contains);
                unsubscribes = sendable;
                var names = sendable.Select(u => u.Registration.Name).ToArray();
                Log.Unsubscribing(_logger, names.Length, string.Join(",", names));
                return new RequestFrame(RequestWriter.Unsubscribe, names, Signed: false);
            }
        }

        List<SubscribeRequest> source;
        if (_probing)
        {
            if (_probeToSend is not { Count: > 0 } probe)
            {
                return null;
            }

            source = probe;
        }
        else
        {
            source = _toSend;
        }

        var batch = TakeBatch(source);
        if (batch.Count == 0)
        {
            return null;
        }

        var deadline = _timeProvider.GetTimestamp() + (_window.Ticks * _timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond);
        foreach (var request in batch)
        {
            request.Deadline = deadline;
            request.Registration.SubscribeSent = true;
            request.Activity = StartActivity(request.Registration);
            _inFlight.Add(request);
        }

        ArmTimerLocked();
        var streams = batch.Select(r => r.Registration.Name).ToArray();
        var signed = batch[0].Registration.IsPrivate;
        Log.Subscribing(_logger, streams.Length, signed, string.Join(",", streams));
        return new RequestFrame(RequestWriter.Subscribe, streams, signed);
    }

    /// <summary>Takes the next frame's worth of requests of one kind (public or private) from <paramref name="source"/>.</summary>
    private static List<SubscribeRequest> TakeBatch(List<SubscribeRequest> source)
    {
        var batch = new List<SubscribeRequest>();
        if (source.Count == 0)
        {
            return batch;
        }

        var isPrivate = source[0].Registration.IsPrivate;
        var bytes = 0;
        for (var i = 0; i < source.Count && batch.Count < MaxStreamsPerFrame; i++)
        {
            var request = source[i];
            if (request.Registration.IsPrivate != isPrivate)
            {
                continue;
            }

            var size = request.Registration.Utf8Name.Length + 3;
            if (batch.Count > 0 && bytes + size > MaxNameBytesPerFrame)
            {
                break;
            }

            bytes += size;
            batch.Add(request);
        }

        source.RemoveAll(batch.Contains);
        return batch;
    }

    private static Activity? StartActivity(StreamRegistration registration)
    {
        // Started on the pump, ended on whichever thread sees the answer: keep it out of the pump's ambient context.
        var previous = Activity.Current;
        var activity = BackpackStreamActivities.StartSubscribe(registration.Name, registration.StreamType);
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Suspects known to hold a rejected stream: probe the first half (a lone suspect alone, once more).</summary>
    private void StartProbeLocked(List<SubscribeRequest> suspects)
    {
        var live = suspects.Where(r => !r.Registration.IsRemoved).ToList();
        foreach (var released in suspects.Where(r => r.Registration.IsRemoved))
        {
            _releasedInFlight = Math.Max(0, _releasedInFlight - 1);
            Finish(released);
        }

        if (live.Count == 0)
        {
            return;
        }

        var half = (live.Count + 1) / 2;
        _probing = true;
        _probeToSend = live.GetRange(0, half);
        _probeRest = live.GetRange(half, live.Count - half);
    }

    private void EndProbeLocked(bool requeueRest)
    {
        if (requeueRest && _probeRest is { Count: > 0 } rest)
        {
            _toSend.InsertRange(0, rest);
        }

        // A probe of both kinds goes out as two frames: what the error overtook was never sent, and goes out normally.
        if (_probeToSend is { Count: > 0 } unsent)
        {
            _toSend.InsertRange(0, unsent);
        }

        _probing = false;
        _probeRest = null;
        _probeToSend = null;
    }

    /// <summary>After any answer: a probe whose half passed (nothing of it in flight any more) moves on to the rest.</summary>
    private void AfterAnswerLocked()
    {
        if (!_probing || _inFlight.Count > 0 || _probeToSend is { Count: > 0 })
        {
            return;
        }

        // The probed half passed: the culprit is in the rest.
        var rest = _probeRest ?? [];
        EndProbeLocked(requeueRest: false);
        if (rest.Count > 0)
        {
            StartProbeLocked(rest);
        }

        Pulse();
    }

    private void OnTimer()
    {
        List<SubscribeRequest> expired;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            // This timer is spent: the next arm makes a new one, even for the same deadline (a timer may fire a hair early).
            _timer?.Dispose();
            _timer = null;
            var now = _timeProvider.GetTimestamp();
            expired = _inFlight.FindAll(r => r.Deadline <= now);
            _inFlight.RemoveAll(expired.Contains);
            AfterAnswerLocked();
            ArmTimerLocked();
        }

        // Silence for the whole window means success: Backpack does not acknowledge a SUBSCRIBE.
        foreach (var request in expired)
        {
            if (request.Registration.IsRemoved)
            {
                lock (_lock)
                {
                    _releasedInFlight = Math.Max(0, _releasedInFlight - 1);
                }

                Finish(request);
            }
            else
            {
                Accept(request);
            }
        }

        if (expired.Count > 0)
        {
            Pulse();
        }
    }

    /// <summary>Keeps one timer on the earliest deadline in flight (a new timer when that deadline changes).</summary>
    private void ArmTimerLocked()
    {
        if (_closed || _inFlight.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        var next = _inFlight.Min(r => r.Deadline);
        if (_timer is not null && next == _timerDeadline)
        {
            return;
        }

        _timer?.Dispose();
        _timerDeadline = next;
        var ticks = Math.Max(0, next - _timeProvider.GetTimestamp()) * TimeSpan.TicksPerSecond / _timeProvider.TimestampFrequency;
        _timer = _timeProvider.CreateTimer(static state => ((SubscribeRequestQueue)state!).OnTimer(), this, TimeSpan.FromTicks(ticks), Timeout.InfiniteTimeSpan);
    }

    private bool RemoveUnsentLocked(StreamRegistration registration)
    {
        var request = TakeLocked(_toSend, registration) ?? TakeLocked(_probeRest, registration) ?? TakeLocked(_probeToSend, registration);
        if (request is null)
        {
            return false;
        }

        Finish(request);
        AfterAnswerLocked();
        return true;
    }

    private static SubscribeRequest? TakeLocked(List<SubscribeRequest>? list, StreamRegistration registration)
    {
        var index = list?.FindIndex(r => ReferenceEquals(r.Registration, registration)) ?? -1;
        if (index < 0)
        {
            return null;
        }

        var request = list![index];
        list.RemoveAt(index);
        return request;
    }

    private void Accept(SubscribeRequest request)
    {
        var registration = request.Registration;
        if (!registration.IsRemoved)
        {
            registration.TryAccept();
            Log.Subscribed(_logger, registration.Name);
        }

        Finish(request);
    }

    private void Reject(SubscribeRequest request, int code, string? message)
    {
        var registration = request.Registration;
        registration.SubscribeSent = false;
        var error = SubscribeErrors.ToException(registration, code, message);
        if (registration.IsRemoved)
        {
            lock (_lock)
            {
                _releasedInFlight = Math.Max(0, _releasedInFlight - 1);
            }

            // Every consumer left before the answer: nobody is waiting for it, and no other stream is blamed.
            Log.ReleasedSubscriptionRejected(_logger, registration.Name, code, message ?? string.Empty);
        }
        else
        {
            Log.SubscriptionRejected(_logger, registration.Name, code, message ?? string.Empty);
        }

        BackpackStreamActivities.Fail(request.Activity, error);
        Finish(request);
        _onRejected(registration, error);
    }

    private static void Finish(SubscribeRequest request)
    {
        request.Registration.AwaitingAnswer = false;
        request.Activity?.Dispose();
        request.Activity = null;
        request.Answered.TrySetResult();
    }
}
