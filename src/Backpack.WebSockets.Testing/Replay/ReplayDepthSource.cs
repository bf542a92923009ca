using System.Globalization;
using System.Text.Json;

namespace Backpack.WebSockets.Testing;

/// <summary>
/// Serves a recording's depth snapshots to <c>GET /api/v1/depth</c>: the n-th request for a symbol gets its n-th recorded
/// snapshot (the last one again after that), and counts what was served so the replay can wait for a fetch.
/// </summary>
internal sealed class ReplayDepthSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<BookSnapshot>> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly Action _servedChanged;

    /// <summary>Parses every depth snapshot of <paramref name="recording"/> up front, so a bad body fails before anything is sent.</summary>
    /// <exception cref="RecordingFormatException">A snapshot body is not a depth snapshot; the message names its line.</exception>
    public ReplayDepthSource(SessionRecording recording, Action servedChanged)
    {
        _servedChanged = servedChanged;
        foreach (var message in recording.Messages)
        {
            if (message.Kind == RecordedMessageKind.DepthSnapshot)
            {
                var symbol = message.Symbol!;
                if (!_snapshots.TryGetValue(symbol, out var list))
                {
                    _snapshots[symbol] = list = [];
                }

                list.Add(ParseBody(message));
            }
        }
    }

    /// <summary>How many snapshots of <paramref name="symbol"/> were served so far.</summary>
    public int ServedCount(string symbol)
    {
        lock (_gate)
        {
            return _served.GetValueOrDefault(symbol);
        }
    }

    /// <summary>The snapshot for the next request of <paramref name="symbol"/>; <see langword="null"/> for a symbol the recording has none of.</summary>
    public BookSnapshot? Next(string symbol)
    {
        BookSnapshot? next;
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(symbol, out var list))
            {
                return null;
            }

            var served = _served.GetValueOrDefault(symbol);
            next = list[Math.Min(served, list.Count - 1)];
            _served[symbol] = served + 1;
        }

        _servedChanged();
        return next;
    }

    /// <summary>Reads <c>{"asks":[["price","qty"],...],"bids":[...],"lastUpdateId":"..."}</c>.</summary>
    private static BookSnapshot ParseBody(RecordedMessage message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Text);
            var root = document.RootElement;
            var id = root.GetProperty("lastUpdateId");
            var lastUpdateId = id.ValueKind == JsonValueKind.String
                ? long.Parse(id.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : id.GetInt64();
            return new BookSnapshot(message.Symbol!, lastUpdateId, Levels(root.GetProperty("bids")), Levels(root.GetProperty("asks")));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new RecordingFormatException(message.LineNumber, $"the depth snapshot of {message.Symbol} cannot be served: {ex.Message}", ex);
        }
    }

    private static List<BookLevel> Levels(JsonElement array)
    {
        var levels = new List<BookLevel>(array.GetArrayLength());
        foreach (var level in array.EnumerateArray())
        {
            levels.Add(new BookLevel(
                decimal.Parse(level[0].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(level[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return levels;
    }
}
