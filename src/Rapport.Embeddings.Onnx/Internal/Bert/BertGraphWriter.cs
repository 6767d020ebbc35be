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
/// Padding is removed inside the graph: the linear layers (almost all of the compute) run on the packed real tokens
/// ([tokens, hidden], so a batch of texts of different lengths costs what its tokens cost), and only attention, which
/// needs each text's tokens side by side, runs on the padded [batch, heads, sequence, head size] form. Packing is a
/// <c>Gather</c> of the mask's non-zero positions; unpacking gathers by each position's packed index, with padded
/// positions pointing at an appended zero row. The query, key and value projections are one matrix product.
/// </para>
/// <para>
/// Standard ONNX operators only (opset 17: LayerNormalization, Erf-based exact GELU). Weights are stored as fp32
/// (converted from fp16), transposed for <c>MatMul</c>, with the 1/sqrt(head size) attention scale folded into the
/// query projection. Bump <see cref="Version"/> whenever the graph changes, so cached graphs are rebuilt.
/// </para>
/// <para>
/// With <c>int8</c>, the same graph runs its linear layers (the QKV, attention output, intermediate and output products of
/// every layer) as ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>: int8 weights with a scale per output column
/// (<see cref="Int8Weights"/>), activations quantized to uint8 per run. Embeddings, attention's own products, softmax,
/// LayerNorm, GELU and pooling stay fp32. A query of a few tokens is bound by reading the weights, so a quarter of the bytes
/// runs faster; Rapport uses it for queries only (<see cref="MiniLmEmbeddingOptions.QuantizedQueries"/>).
/// </para>
/// </remarks>
internal sealed class BertGraphWriter
{
    /// <summary>The version of the graph layout, part of the cache key.</summary>
    /// <remarks>1: padded batches, separate Q/K/V products. 2: packed tokens, one QKV product.</remarks>
    public const int Version = 2;

    private const int Float = OnnxFields.DataTypeFloat;
    private readonly SafetensorsFile _weights;
    private readonly BertConfig _config;
    private readonly OnnxGraphBuilder _graph = new();
    private readonly bool _int8;

    public BertGraphWriter(SafetensorsFile weights, BertConfig config, bool int8 = false)
    {
        _weights = weights;
        _config = config;
        _int8 = int8;
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
        var packing = TokenPacking.Create(_graph, ids, mask, _config);

        var hidden = packing.Pack(Embeddings(ids));
        for (var layer = 0; layer < _config.Layers; layer++)
        {
            hidden = EncoderLayer(hidden, maskBias, packing, $"encoder.layer.{layer}.");
        }

        // Padded positions unpack to zero rows, so the sum over the sequence is the sum over each text's tokens.
        var padded = Node("Reshape", [packing.Unpack(hidden, _config.HiddenSize), packing.PaddedShape(_config.HiddenSize)]);
        var axis1 = _graph.Int64s("axis_1", 1);
        var summed = Node("ReduceSum", [padded, axis1], new OnnxAttribute("keepdims", Int: 0));
        var counts = Node("Max", [Node("ReduceSum", [maskF, axis1], new OnnxAttribute("keepdims", Int: 1)), _graph.Scalar("min_count", 1e-9f)]);
        _graph.Output(Node("Div", [summed, counts]), "sentence_embedding", Float, "batch", _config.HiddenSize);
        _graph.WriteModel(destination, "all-MiniLM-L6-v2", "BERT encoder with mean pooling, built by Rapport from safetensors weights.");
    }

    // [batch, sequence, hidden], padded: cheap next to the encoder layers.
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

    // x: packed [tokens, hidden].
    private string EncoderLayer(string x, string maskBias, TokenPacking packing, string prefix)
    {
        var heads = _config.Heads;
        var headSize = _config.HiddenSize / heads;
        var qkv = QkvLinear(x, prefix + "attention.self.", 1f / MathF.Sqrt(headSize));

        // [batch * sequence, 3 * hidden] -> [3, batch, heads, sequence, head size]
        var split = Node("Reshape", [packing.Unpack(qkv, 3 * _config.HiddenSize), packing.HeadsShape(3, heads, headSize)]);
        var perHead = Node("Transpose", [split], Perm(2, 0, 3, 1, 4));
        var q = Node("Gather", [perHead, _graph.Int64Scalar(prefix + "q_index", 0)], new OnnxAttribute("axis", Int: 0));
        var k = Node("Transpose", [Node("Gather", [perHead, _graph.Int64Scalar(prefix + "k_index", 1)], new OnnxAttribute("axis", Int: 0))], Perm(0, 1, 3, 2));
        var v = Node("Gather", [perHead, _graph.Int64Scalar(prefix + "v_index", 2)], new OnnxAttribute("axis", Int: 0));
        var probabilities = Node("Softmax", [Node("Add", [Node("MatMul", [q, k]), maskBias])], new OnnxAttribute("axis", Int: -1));
        var context = Node("Transpose", [Node("MatMul", [probabilities, v])], Perm(0, 2, 1, 3));
        var merged = packing.Pack(Node("Reshape", [context, _graph.Int64s(prefix + "merge_heads", -1, _config.HiddenSize)]));

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

    // One product for query (scaled), key and value: [tokens, hidden] x [hidden, 3 * hidden].
    private string QkvLinear(string x, string prefix, float queryScale)
    {
        var h = _config.HiddenSize;
        var weight = new float[h * 3 * h];
        var bias = new float[3 * h];
        string[] parts = ["query.", "key.", "value."];
        for (var p = 0; p < parts.Length; p++)
        {
            var scale = p == 0 ? queryScale : 1f;
            var (w, b) = TransposedWeights(prefix + parts[p], h, h, scale);
            for (var i = 0; i < h; i++)
            {
                w.AsSpan(i * h, h).CopyTo(weight.AsSpan((i * 3 * h) + (p * h), h));
            }

            b.CopyTo(bias.AsSpan(p * h, h));
        }

        return Product(x, prefix + "qkv.", weight, bias, h, 3 * h);
    }

    private string Linear(string x, string prefix)
    {
        var outputs = OutputSize(prefix);
        var inputs = InputSize(prefix);
        var (weight, bias) = TransposedWeights(prefix, outputs, inputs, 1f);
        return Product(x, prefix, weight, bias, inputs, outputs);
    }

    // x [tokens, inputs] times the transposed weight [inputs, outputs], plus the bias: fp32, or int8 weights.
    private string Product(string x, string prefix, float[] weight, float[] bias, int inputs, int outputs)
    {
        if (!_int8)
        {
            var w = _graph.Floats(prefix + "weight_t", [inputs, outputs], weight);
            return Node("Add", [Node("MatMul", [x, w]), _graph.Floats(prefix + "bias", [outputs], bias)]);
        }

        var (values, scales) = Int8Weights.Quantize(weight, inputs, outputs);
        var q = _graph.Int8s(prefix + "weight_q", [inputs, outputs], values);
        var scale = _graph.Floats(prefix + "weight_scale", [outputs], scales);

        // Inputs A, B, b_scale, b_zero_point (omitted: 0, symmetric), bias.
        return _graph.MicrosoftNode("DynamicQuantizeMatMul", [x, q, scale, "", _graph.Floats(prefix + "bias", [outputs], bias)]);
    }

    // The [inputs, outputs] transpose of a PyTorch [outputs, inputs] weight, and its bias, both times scale.
    private (float[] Weight, float[] Bias) TransposedWeights(string prefix, int outputs, int inputs, float scale)
    {
        var bias = _weights.Floats(prefix + "bias", outputs);
        var weight = _weights.Floats(prefix + "weight", outputs, inputs);
        var transposed = new float[weight.Length];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                transposed[(i * outputs) + o] = weight[(o * inputs) + i] * scale;
            }

            bias[o] *= scale;
        }

        return (transposed, bias);
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
