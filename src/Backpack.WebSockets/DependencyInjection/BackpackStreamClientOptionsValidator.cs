using Backpack.WebSockets;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Validates <see cref="BackpackStreamClientOptions"/> when the host starts (<c>ValidateOnStart</c>), with the same rules as
/// <see cref="BackpackStreamClientOptions.Validate"/>, so a bad configuration stops the host instead of the first subscribe.
/// </summary>
internal sealed class BackpackStreamClientOptionsValidator : IValidateOptions<BackpackStreamClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BackpackStreamClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // Validate's messages name the property and never include the secret.
            return ValidateOptionsResult.Fail($"{nameof(BackpackStreamClientOptions)}: {ex.Message}");
        }
    }
}
