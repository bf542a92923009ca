using System.Globalization;
using System.Reflection;
using System.Text;
using Backpack.WebSockets.Models;

namespace Backpack.WebSockets.Tests.Protocol.Payloads.FastPath;

/// <summary>
/// A model as text that tells apart everything the two parse paths could get differently: every public property, decimals
/// by their bits (so 18.70 is not 18.7 and -0 is not 0), times by ticks and offset, level lists element by element
/// (record equality compares them by reference).
/// </summary>
internal static class ModelText
{
    public static string Of(object model)
    {
        var text = new StringBuilder(model.GetType().Name);
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(' ').Append(property.Name).Append('=').Append(Value(property.GetValue(model)));
        }

        return text.ToString();
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        decimal d => Bits(d),
        string s => "\"" + s + "\"",
        DateTimeOffset t => string.Create(CultureInfo.InvariantCulture, $"{t.UtcTicks}/{t.Offset.Ticks}"),
        IEnumerable<PriceLevel> levels => "[" + string.Join(",", levels.Select(l => Bits(l.Price) + ":" + Bits(l.Quantity))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Bits(decimal value) =>
        string.Join(".", decimal.GetBits(value).Select(b => b.ToString("x", CultureInfo.InvariantCulture))) + "(" + value.ToString(CultureInfo.InvariantCulture) + ")";
}
