using System.Text.Json;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Protocol.Payloads;

/// <summary>Parses the <c>data</c> object of <c>account.balanceUpdate</c> frames (spec §7.4).</summary>
internal static class BalanceUpdateParser
{
    /// <summary>Parses one <c>balanceUpdate</c> payload.</summary>
    /// <param name="data">The UTF-8 bytes of the frame's <c>data</c> object, brace to brace.</param>
    /// <returns>The parsed model.</returns>
    /// <exception cref="PayloadFormatException">The payload is malformed or lacks a required field.</exception>
    public static BalanceUpdate Parse(ReadOnlySpan<byte> data) =>
        JsonFields.ParsePayload(data, "balanceUpdate", Read);

    private static BalanceUpdate Read(ref Utf8JsonReader reader)
    {
        string? asset = null;
        DateTimeOffset? eventTime = null;
        DateTimeOffset? engineTime = null;
        decimal? available = null;
        decimal? locked = null;
        decimal? staked = null;
        while (JsonFields.NextProperty(ref reader, out var key))
        {
            switch (key)
            {
                case (byte)'a':
                    asset = JsonFields.ReadInterned(ref reader, "a");
                    break;
                case (byte)'E':
                    eventTime = JsonFields.ReadMicroseconds(ref reader, "E");
                    break;
                case (byte)'T':
                    engineTime = JsonFields.ReadMicroseconds(ref reader, "T");
                    break;
                case (byte)'A':
                    available = JsonFields.ReadDecimal(ref reader, "A");
                    break;
                case (byte)'L':
                    locked = JsonFields.ReadDecimal(ref reader, "L");
                    break;
                case (byte)'S':
                    staked = JsonFields.ReadDecimal(ref reader, "S");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new BalanceUpdate
        {
            Asset = JsonFields.Required(asset, "a"),
            EventTime = JsonFields.Required(eventTime, "E"),
            EngineTime = JsonFields.Required(engineTime, "T"),
            Available = JsonFields.Required(available, "A"),
            Locked = JsonFields.Required(locked, "L"),
            Staked = JsonFields.Required(staked, "S"),
        };
    }
}
