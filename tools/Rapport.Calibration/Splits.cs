namespace Rapport.Calibration;

/// <summary>Which split a FailedESConv dialog or a CounselChat question belongs to; ESConv has its own split files.</summary>
/// <remarks>
/// Neither FailedESConv nor CounselChat's multi-answer questions come with a usable split (CounselChat's own test split
/// holds only 12 questions with two or more answers), so both are split here, deterministically by index:
/// 0 and 1 modulo 4 train, 2 validation, 3 test. Fitting reads only train, model choice only validation.
/// </remarks>
internal static class Splits
{
    public const string Train = "train";
    public const string Valid = "valid";
    public const string Test = "test";

    public static string Of(int index) => (index % 4) switch { 0 or 1 => Train, 2 => Valid, _ => Test };
}
