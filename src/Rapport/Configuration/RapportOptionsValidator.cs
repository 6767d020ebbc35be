using Microsoft.Extensions.Options;

namespace Rapport.Configuration;

/// <summary>Validates <see cref="RapportOptions"/> when the service provider starts (and on first use without a host).</summary>
/// <remarks>The failure is the one line <see cref="RapportOptions.Validate"/> gives: what was wrong and what is accepted.</remarks>
internal sealed class RapportOptionsValidator : IValidateOptions<RapportOptions>
{
    public ValidateOptionsResult Validate(string? name, RapportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message.Split(" (Parameter '", 2)[0]);
        }
    }
}
