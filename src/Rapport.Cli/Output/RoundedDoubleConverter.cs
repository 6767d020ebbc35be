using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Cli.Output;

/// <summary>Writes every number the CLI prints rounded to <see cref="Digits"/> decimals, so no float noise
/// (<c>0.10000000000000009</c>) reaches a script; reads numbers as they are.</summary>
internal sealed class RoundedDoubleConverter : JsonConverter<double>
{
    /// <summary>The decimals every fractional number in <c>--json</c> output is rounded to (documented in docs/cli.md).</summary>
    public const int Digits = 4;

    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(Math.Round(value, Digits, MidpointRounding.AwayFromZero));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
