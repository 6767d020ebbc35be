using System.Text.Json.Serialization;

namespace Rapport.Evaluation.Comparison;

/// <summary>Whether a candidate did better, worse or the same as a baseline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChangeVerdict>))]
public enum ChangeVerdict
{
    /// <summary>Within the tolerance, or neither had a value.</summary>
    Same,

    /// <summary>Higher, or scored where the baseline failed.</summary>
    Better,

    /// <summary>Lower, or failed where the baseline scored.</summary>
    Worse,
}
