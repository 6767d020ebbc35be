using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>Creates a <see cref="BertTokenizer"/> from a Hugging Face <c>tokenizer.json</c> (WordPiece, vocabulary inside).</summary>
/// <remarks>
/// <see cref="BertTokenizer.Create(Stream, BertOptions?)"/> reads a <c>vocab.txt</c> (one token per line, line number =
/// id), so the JSON vocabulary is written out in id order first. The normalizer settings follow the JSON's
/// <c>BertNormalizer</c>: lowercase, and accents stripped when <c>strip_accents</c> is null and lowercase is on,
/// which is what Hugging Face tokenizers do.
/// </remarks>
internal static class BertTokenizerLoader
{
    public static BertTokenizer Load(string tokenizerJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(tokenizerJsonPath));
        var root = document.RootElement;
        var model = root.GetProperty("model");
        if (model.GetProperty("type").GetString() != "WordPiece")
        {
            throw new InvalidDataException($"The tokenizer '{tokenizerJsonPath}' is not a WordPiece tokenizer.");
        }

        var vocabulary = model.GetProperty("vocab");
        var tokens = new string[vocabulary.EnumerateObject().Count()];
        foreach (var entry in vocabulary.EnumerateObject())
        {
            var id = entry.Value.GetInt32();
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
            {
                throw new InvalidDataException($"The tokenizer '{tokenizerJsonPath}' has a gap or duplicate at vocabulary id {id}.");
            }

            tokens[id] = entry.Name;
        }

        var lowercase = true;
        bool? stripAccents = null;
        var chinese = true;
        if (root.TryGetProperty("normalizer", out var normalizer) && normalizer.ValueKind == JsonValueKind.Object)
        {
            lowercase = !normalizer.TryGetProperty("lowercase", out var lower) || lower.GetBoolean();
            stripAccents = normalizer.TryGetProperty("strip_accents", out var strip) && strip.ValueKind != JsonValueKind.Null ? strip.GetBoolean() : null;
            chinese = !normalizer.TryGetProperty("handle_chinese_chars", out var cjk) || cjk.GetBoolean();
        }

        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            text.Append(token).Append('\n');
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        return BertTokenizer.Create(stream, new BertOptions
        {
            LowerCaseBeforeTokenization = lowercase,
            RemoveNonSpacingMarks = stripAccents ?? lowercase,
            IndividuallyTokenizeCjk = chinese,
            ApplyBasicTokenization = true,
        });
    }
}
