namespace Rapport.Evaluation.Retrieval;

/// <summary>One turn of a LoCoMo-format conversation.</summary>
/// <param name="DialogId">The turn's id, <c>D{session}:{turn}</c>.</param>
/// <param name="Session">The session number.</param>
/// <param name="SessionDate">The session's date as written in the file, or empty.</param>
/// <param name="Speaker">Who spoke.</param>
/// <param name="Text">What was said.</param>
/// <param name="ImageCaption">The caption of an image shared in the turn, or <see langword="null"/>.</param>
public sealed record LocomoTurn(string DialogId, int Session, string SessionDate, string Speaker, string Text, string? ImageCaption);
