using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Backpack.WebSockets.Diagnostics;
using Backpack.WebSockets.Protocol;
using Backpack.WebSockets.Streams;
using Backpack.WebSockets.Transport;

namespace Backpack.WebSockets.Connections;

internal sealed partial class StreamConnection
{
    /// <summary>How many bytes of a frame that failed to parse the warning shows.</summary>
    private const int LoggedFrameBytes = 256;

    private long _payloadFailureCount;

    /// <summary>The one receive loop of a session: reads whole messages and routes them; never waits for a consumer.</summary>
    private async Task ReceiveLoopAsync(ConnectionSession session)
    {
        BackpackStreamException? failure = null;
        var token = session.Cancellation.Token;
        try
        {
            while (true)
            {
                var kind = await session.Reader.ReadAsync(token).ConfigureAwait(false);
                session.LastReceivedTimestamp = _timeProvider.GetTimestamp();
                if (kind == ReceivedMessageKind.Close)
                {
                    failure = OnCloseFrame(session);
                    break;
                }

                var message = session.Reader.Message.Span;
                if (kind == ReceivedMessageKind.Binary || !Utf8.IsValid(message))
                {
                    // RFC 6455 §7.4.1: 1003 for a data type we cannot accept, 1007 for text that is not UTF-8.
                    var binary = kind == ReceivedMessageKind.Binary;
                    failure = Lost(BackpackStreamErrorCode.ProtocolViolation, binary ? "the server sent a binary frame; Backpack sends text only" : "the server sent a text frame that is not valid UTF-8");
                    Log.ProtocolViolation(_logger, Id, failure.Message);
                    session.CloseForFault(binary ? WebSocketCloseStatus.InvalidMessageType : WebSocketCloseStatus.InvalidPayloadData, binary ? "Text frames only" : "Invalid UTF-8", _settings.CloseTimeout, _timeProvider);
                    break;
                }

                Record(message);
                ProcessMessage(session, message);
            }
        }
        catch (MessageTooLargeException ex)
        {
            failure = Lost(BackpackStreamErrorCode.MessageTooLarge, ex.Message, ex);
            Log.MessageTooLarge(_logger, Id, ex.MaxMessageSize);
            session.CloseForFault(WebSocketCloseStatus.MessageTooBig, "Message too big", _settings.CloseTimeout, _timeProvider);
        }
        catch (Exception ex) when (session.SilenceDetected)
        {
            failure = Lost(BackpackStreamErrorCode.ConnectionLost, $"no data arrived for {_settings.DataSilenceTimeout} on a stream that ticks; the connection is presumed dead", ex);
        }
        catch (Exception) when (session.IsClosing || token.IsCancellationRequested)
        {
            // Closing on purpose: the socket was aborted or the loop cancelled.
        }
        catch (Exception ex)
        {
            failure = ClassifyReceiveFailure(ex);
        }
        finally
        {
            session.Reader.Dispose();
        }

        EndSession(session, failure);
    }

    /// <summary>Hands a message to the recorder, if any; a recorder that throws costs its recording, never the connection.</summary>
    private void Record(ReadOnlySpan<byte> message)
    {
        if (_settings.Recorder is not { } recorder)
        {
            return;
        }

        try
        {
            recorder.OnFrame(Id, message, _timeProvider.GetUtcNow());
        }
        catch (Exception ex)
        {
            Log.RecorderFailed(_logger, Id, ex);
        }
    }

    /// <summary>Names a receive failure: a keep-alive timeout, invalid UTF-8 found by the socket itself, or a transport error.</summary>
    private BackpackStreamException ClassifyReceiveFailure(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return Lost(BackpackStreamErrorCode.KeepAliveTimeout, "the server did not answer a keep-alive ping in time", ex);
            }
        }

        if (ex is WebSocketException { WebSocketErrorCode: WebSocketError.Faulted } && ex.Message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            // ClientWebSocket validates text frames itself and has already sent Close 1007.
            return Lost(BackpackStreamErrorCode.ProtocolViolation, "the server sent a text frame that is not valid UTF-8", ex);
        }

        return Lost(BackpackStreamErrorCode.ConnectionLost, ex.Message, ex);
    }

    /// <summary>The error of a lost connection: its reason, this connection and how many streams it carried.</summary>
    private BackpackStreamException Lost(BackpackStreamErrorCode code, string reason, Exception? inner = null) =>
        new(code, $"Connection {Id} ({_streams.Count} stream(s)) was lost: {reason}.", innerException: inner);

    private BackpackStreamException? OnCloseFrame(ConnectionSession session)
    {
        var status = session.Socket.CloseStatus;
        var description = session.Socket.CloseStatusDescription;
        if (session.IsClosing)
        {
            return null;
        }

        Log.ServerClosed(_logger, Id, status?.ToString() ?? "none", description ?? string.Empty);
        session.ClosedByServer = true;

        // Answer the server's Close so the handshake completes; the socket is discarded either way.
        _ = session.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None)
            .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        var reason = $"the server closed it ({(status is { } s ? $"{(int)s} {s}" : "no status")}{(string.IsNullOrEmpty(description) ? string.Empty : ": " + description)})";
        return new BackpackStreamException(BackpackStreamErrorCode.ServerClosed, $"Connection {Id} ({_streams.Count} stream(s)) was lost: {reason}.")
        {
            CloseStatus = status is { } code ? (int)code : null,
            CloseStatusDescription = description,
        };
    }

    /// <summary>Routes one message. Never throws: a bad frame is counted, logged and skipped.</summary>
    private void ProcessMessage(ConnectionSession session, ReadOnlySpan<byte> frame)
    {
        Span<byte> nameBuffer = stackalloc byte[EnvelopeReader.MaxStreamNameBytes];
        scoped Envelope envelope;
        try
        {
            envelope = EnvelopeReader.Read(frame, nameBuffer);
        }
        catch (PayloadFormatException ex)
        {
            _counters.AddParseFailure();
            _metrics?.RecordParseFailure(BackpackStreamMetrics.UnknownStreamType);
            Log.FrameRejected(_logger, Id, frame.Length, ex);
            return;
        }

        if (envelope.Kind == EnvelopeKind.Error)
        {
            var attribution = session.Queue.OnError(envelope.ErrorCode, envelope.ErrorMessage);
            if (attribution != ErrorAttribution.Stream)
            {
                _counters.AddUnattributedError();
            }

            if (attribution == ErrorAttribution.None)
            {
                Log.UnattributedServerError(_logger, Id, envelope.ErrorCode, envelope.ErrorMessage ?? string.Empty);
            }

            return;
        }

        var registration = _streams.Find(envelope.StreamName);
        if (registration is null)
        {
            OnUnroutedFrame(session, envelope.StreamName);
            return;
        }

        _metrics?.RecordMessage(registration.StreamType, frame.Length);
        registration.OnFrame();
        try
        {
            registration.Dispatch(envelope.Data);
        }
        catch (Exception ex)
        {
            // A malformed payload (or a parser bug) must cost one frame, never the connection.
            OnPayloadFailure(registration, envelope.Data, ex);
        }

        if (registration.AwaitingAnswer)
        {
            // Data on the requested stream proves the SUBSCRIBE was accepted; no need to wait out the error window. After the
            // dispatch, so a SubscribeAsync completed by this frame finds the frame already in its subscription.
            session.Queue.OnData(registration);
        }
    }

    /// <summary>Frames still in flight after an UNSUBSCRIBE land here; nothing is waiting for them, but they are counted.</summary>
    private void OnUnroutedFrame(ConnectionSession session, ReadOnlySpan<byte> streamName)
    {
        var count = Interlocked.Increment(ref _unroutedFrameCount);
        _metrics?.RecordUnroutedFrame();
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            Log.UnroutedFrame(_logger, Id, Encoding.UTF8.GetString(streamName), count);
        }

        // A frame of a released SUBSCRIBE still in flight proves the server accepted it: it need not wait out its window.
        if (session.Queue.HasReleasedInFlight)
        {
            session.Queue.OnUnroutedData(streamName);
        }
    }

    private void OnPayloadFailure(StreamRegistration registration, ReadOnlySpan<byte> data, Exception ex)
    {
        registration.RecordParseFailure();
        _counters.AddParseFailure();
        _metrics?.RecordParseFailure(registration.StreamType);

        // Rate-limited: the first failure, then every tenfold, so a changed payload shape is visible without flooding the log.
        var count = Interlocked.Increment(ref _payloadFailureCount);
        if (IsPowerOfTen(count))
        {
            var start = data.Length > LoggedFrameBytes ? data[..LoggedFrameBytes] : data;
            Log.PayloadRejected(_logger, Id, registration.Name, ReadEventType(data), count, Encoding.UTF8.GetString(start), ex);
        }
    }

    /// <summary>The top-level <c>e</c> (event type) of a payload, for the failure log; empty when there is none.</summary>
    private static string ReadEventType(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return string.Empty;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEvent = reader.ValueTextEquals("e"u8);
                reader.Read();
                if (isEvent && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString() ?? string.Empty;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Unreadable: no event type to report.
        }

        return string.Empty;
    }

    internal static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }
}
