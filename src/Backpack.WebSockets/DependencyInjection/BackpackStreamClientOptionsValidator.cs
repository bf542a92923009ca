using Backpack.WebSockets;
using Backpack.WebSockets.Authentication;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Validates <see cref="BackpackStreamClientOptions"/> when the host starts (<c>ValidateOnStart</c>), with the same rules as
/// <see cref="BackpackStreamClientOptions.Validate"/>, so a bad configuration stops the host instead of the first subscribe.
/// It also checks what the client would otherwise find only when it is created: that the secret is an Ed25519 key and that
/// <see cref="BackpackStreamClientOptions.ApiKey"/>, when set, is its public key.
/// </summary>
internal sealed class BackpackStreamClientOptionsValidator : IValidateOptions<BackpackStreamClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BackpackStreamClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            // Validate's messages name the property and never include the secret.
            return ValidateOptionsResult.Fail($"{nameof(BackpackStreamClientOptions)}: {ex.Message}");
        }

        return options.HasCredentials ? ValidateCredentials(options) : ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidateCredentials(BackpackStreamClientOptions options)
    {
        Ed25519Signer signer;
        try
        {
            signer = Ed25519Signer.FromBase64SecretKey(options.ApiSecret!);
        }
        catch (ArgumentException ex)
        {
            // The signer's messages describe the key's shape (length, encoding), never its value.
            return ValidateOptionsResult.Fail($"{nameof(BackpackStreamClientOptions)}: {nameof(BackpackStreamClientOptions.ApiSecret)} is not a valid Ed25519 secret key. {ex.Message}");
        }

        using (signer)
        {
            return string.IsNullOrEmpty(options.ApiKey) || string.Equals(options.ApiKey, signer.PublicKeyBase64, StringComparison.Ordinal)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{nameof(BackpackStreamClientOptions)}: {nameof(BackpackStreamClientOptions.ApiKey)} is not the public key of {nameof(BackpackStreamClientOptions.ApiSecret)}.");
        }
    }
}
