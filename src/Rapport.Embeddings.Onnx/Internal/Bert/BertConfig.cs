using System.Text.Json;

namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>The shape of a BERT encoder, read from the model's <c>config.json</c>.</summary>
internal sealed record BertConfig(
    int VocabSize, int HiddenSize, int Layers, int Heads, int IntermediateSize, int MaxPositions, int TypeVocabSize, float LayerNormEpsilon)
{
    /// <summary>Reads and checks <c>config.json</c>: a BERT with GELU activations and absolute positions.</summary>
    public static BertConfig Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var activation = root.TryGetProperty("hidden_act", out var act) ? act.GetString() : "gelu";
        var type = root.TryGetProperty("model_type", out var model) ? model.GetString() : "bert";
        if (activation != "gelu" || type != "bert")
        {
            throw new InvalidDataException(
                $"The model config '{path}' describes model_type '{type}' with hidden_act '{activation}'; only BERT with GELU is supported.");
        }

        var config = new BertConfig(
            root.GetProperty("vocab_size").GetInt32(),
            root.GetProperty("hidden_size").GetInt32(),
            root.GetProperty("num_hidden_layers").GetInt32(),
            root.GetProperty("num_attention_heads").GetInt32(),
            root.GetProperty("intermediate_size").GetInt32(),
            root.GetProperty("max_position_embeddings").GetInt32(),
            root.TryGetProperty("type_vocab_size", out var types) ? types.GetInt32() : 2,
            root.TryGetProperty("layer_norm_eps", out var eps) ? eps.GetSingle() : 1e-12f);
        if (config.HiddenSize % config.Heads != 0)
        {
            throw new InvalidDataException($"The model config '{path}' has hidden_size {config.HiddenSize} not divisible by {config.Heads} heads.");
        }

        return config;
    }
}
