using System.Globalization;
using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.StreamViewer;

/// <summary>Fetches <c>GET {rest}api/v1/depth?symbol=X</c>.</summary>
internal sealed class DepthSnapshotClient(HttpClient http)
{
    public async Task<DepthSnapshot> GetAsync(string symbol, CancellationToken cancellationToken)
    {
        // Why Uri.EscapeDataString: the symbol was validated, but escaping keeps the query well-formed regardless.
        using var response = await http.GetAsync($"api/v1/depth?symbol={Uri.EscapeDataString(symbol)}", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new DepthSnapshot(ReadLong(root.GetProperty("lastUpdateId")), ReadLevels(root.GetProperty("bids")), ReadLevels(root.GetProperty("asks")));
    }

    // Why both forms: the API sends lastUpdateId as a string, but a number costs nothing to accept.
    private static long ReadLong(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? long.Parse(element.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
        : element.GetInt64();

    private static decimal ReadDecimal(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? decimal.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDecimal();

    private static List<PriceLevel> ReadLevels(JsonElement side)
    {
        var levels = new List<PriceLevel>(side.GetArrayLength());
        foreach (var level in side.EnumerateArray())
        {
            levels.Add(new PriceLevel(ReadDecimal(level[0]), ReadDecimal(level[1])));
        }

        return levels;
    }
}
