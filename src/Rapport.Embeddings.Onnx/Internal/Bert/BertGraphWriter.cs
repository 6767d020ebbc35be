using Rapport.Embeddings.Onnx.Internal.Onnx;

namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>Builds a sentence-transformers BERT encoder with mean pooling as an ONNX graph from safetensors weights.</summary>
/// <remarks>
/// <para>
/// Inputs <c>input_ids</c> and <c>attention_mask</c> (int64, [batch, sequence]); output <c>sentence_embedding</c>
/// (float, [batch, hidden]): the attention-masked mean of the last hidden states, not yet normalized. Token type ids
/// are always 0 for single sentences, so the type-0 embedding is folded into the position embeddings.
/// </para>
/// <para>
/// Standard ONNX operators only (opset 17: LayerNormalization, Erf-based exact GELU). Weights are stored as fp32
/// (converted from fp16), transposed for <c>MatMul</c>, with the 1/sqrt(head size) attention scale folded into the
/// query projection. Bump <see cref="Version"/> whenever the graph changes, so cached graphs are rebuilt.
/// </para>
/// </remarks>
internal sealed class BertGraphWriter
{
    /// <summary>The version of the graph layout, part of the cache key.</summary>
    public const int Version = 1;

    private const int Float = OnnxFields.DataTypeFloat;
    private readonly SafetensorsFile _weights;
    private readonly BertConfig _config;
    private readonly OnnxGraphBuilder _graph = new();

    public BertGraphWriter(SafetensorsFile weights, BertConfig config)
    {
        _weights = weights;
        _config = config;
    }

    /// <summary>Builds the graph and writes the model to <paramref name="destination"/>.</summary>
    public void Write(Stream destination)
    {
        var ids = _graph.Input("input_ids", OnnxFields.DataTypeInt64, "batch", "sequence");
        var mask = _graph.Input("attention_mask", OnnxFields.DataTypeInt64, "batch", "sequence");
        var maskF = Node("Cast", [mask], new OnnxAttribute("to", Int: Float));
        var maskBias = Node(
            "Unsqueeze",
            [Node("Mul", [Node("Sub", [_graph.Scalar("one", 1f), maskF]), _graph.Scalar("mask_penalty", -10_000f)]), _graph.Int64s("axes_1_2", 1, 2)]);
        var hidden = Embeddings(ids);
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            hidden = EncoderLayer(hidden, maskBias, $"encoder.layer.{layer}.");
        }

        var mask3 = Node("Unsqueeze", [maskF, _graph.Int64s("axis_2", 2)]);
        var axis1 = _graph.Int64s("axis_1", 1);
        var summed = Node("ReduceSum", [Node("Mul", [hidden, mask3]), axis1], new OnnxAttribute("keepdims", Int: 0));
        var counts = Node("Max", [Node("ReduceSum", [mask3, axis1], new OnnxAttribute("keepdims", Int: 0)), _graph.Scalar("min_count", 1e-9f)]);
        _graph.Output(Node("Div", [summed, counts]), "sentence_embedding", Float, "batch", _config.HiddenSize);
        _graph.WriteModel(destination, "all-MiniLM-L6-v2", "BERT encoder with mean pooling, built by Rapport from safetensors weights.");
    }

    private string Embeddings(string ids)
    {
        var h = _config.HiddenSize;
        var words = _graph.Floats("word_embeddings", [_config.VocabSize, h], _weights.Floats("embeddings.word_embeddings.weight", _config.VocabSize, h));
        var positions = _weights.Floats("embeddings.position_embeddings.weight", _config.MaxPositions, h);
        var types = _weights.Floats("embeddings.token_type_embeddings.weight", _config.TypeVocabSize, h);
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] += types[i % h];
        }

        var positionTable = _graph.Floats("position_embeddings", [_config.MaxPositions, h], positions);
        var sequenceLength = Node("Shape", [ids], new OnnxAttribute("start", Int: 1), new OnnxAttribute("end", Int: 2));
        var positionRows = Node("Slice", [positionTable, _graph.Int64s("zero", 0), sequenceLength, _graph.Int64s("axis_0", 0)]);
        var sum = Node("Add", [Node("Gather", [words, ids]), positionRows]);
        return LayerNorm(sum, "embeddings.LayerNorm.");
    }

    private string EncoderLayer(string x, string maskBias, string prefix)
    {
        var heads = _config.Heads;
        var headSize = _config.HiddenSize / heads;
        var scale = 1f / MathF.Sqrt(headSize);
        var splitHeads = _graph.Int64s(prefix + "split_heads", 0, 0, heads, headSize);
        var q = Node("Transpose", [Node("Reshape", [Linear(x, prefix + "attention.self.query.", scale), splitHeads])], Perm(0, 2, 1, 3));
        var k = Node("Transpose", [Node("Reshape", [Linear(x, prefix + "attention.self.key."), splitHeads])], Perm(0, 2, 3, 1));
        var v = Node("Transpose", [Node("Reshape", [Linear(x, prefix + "attention.self.value."), splitHeads])], Perm(0, 2, 1, 3));
        var probabilities = Node("Softmax", [Node("Add", [Node("MatMul", [q, k]), maskBias])], new OnnxAttribute("axis", Int: -1));
        var context = Node("Transpose", [Node("MatMul", [probabilities, v])], Perm(0, 2, 1, 3));
        var merged = Node("Reshape", [context, _graph.Int64s(prefix + "merge_heads", 0, 0, _config.HiddenSize)]);
        var attention = LayerNorm(Node("Add", [Linear(merged, prefix + "attention.output.dense."), x]), prefix + "attention.output.LayerNorm.");
        var intermediate = Linear(attention, prefix + "intermediate.dense.");
        var output = Linear(Gelu(intermediate, prefix), prefix + "output.dense.");
        return LayerNorm(Node("Add", [output, attention]), prefix + "output.LayerNorm.");
    }

    // Exact GELU, as BERT uses: 0.5 * x * (1 + erf(x / sqrt(2))).
    private string Gelu(string x, string prefix)
    {
        var erf = Node("Erf", [Node("Div", [x, _graph.Scalar(prefix + "sqrt2", MathF.Sqrt(2f))])]);
        return Node("Mul", [Node("Mul", [x, _graph.Scalar(prefix + "half", 0.5f)]), Node("Add", [erf, _graph.Scalar(prefix + "gelu_one", 1f)])]);
    }

    private string Linear(string x, string prefix, float scale = 1f)
    {
        var outputs = OutputSize(prefix);
        var inputs = InputSize(prefix);
        var bias = _weights.Floats(prefix + "bias", outputs);
        var weight = _weights.Floats(prefix + "weight", outputs, inputs);
        var transposed = new float[weight.Length];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                transposed[(i * outputs) + o] = weight[(o * inputs) + i] * scale;
            }
        }

        for (var o = 0; o < outputs; o++)
        {
            bias[o] *= scale;
        }

        var w = _graph.Floats(prefix + "weight_t", [inputs, outputs], transposed);
        var b = _graph.Floats(prefix + "bias", [outputs], bias);
        return Node("Add", [Node("MatMul", [x, w]), b]);
    }

    private int OutputSize(string prefix) => prefix.EndsWith("intermediate.dense.", StringComparison.Ordinal) ? _config.IntermediateSize : _config.HiddenSize;

    private int InputSize(string prefix) => prefix.EndsWith("output.dense.", StringComparison.Ordinal) && !prefix.Contains("attention", StringComparison.Ordinal)
        ? _config.IntermediateSize
        : _config.HiddenSize;

    private string LayerNorm(string x, string prefix)
    {
        var h = _config.HiddenSize;
        var gamma = _graph.Floats(prefix + "weight", [h], _weights.Floats(prefix + "weight", h));
        var beta = _graph.Floats(prefix + "bias", [h], _weights.Floats(prefix + "bias", h));
        return Node("LayerNormalization", [x, gamma, beta], new OnnxAttribute("axis", Int: -1), new OnnxAttribute("epsilon", Float: _config.LayerNormEpsilon));
    }

    private string Node(string op, string[] inputs, params OnnxAttribute[] attributes) => _graph.Node(op, inputs, attributes);

    private static OnnxAttribute Perm(params long[] perm) => new("perm", Ints: perm);
}
