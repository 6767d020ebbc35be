using Rapport.Embeddings.Onnx.Internal.Onnx;

namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>The graph values that move hidden states between the padded [batch * sequence, n] and packed [tokens, n] forms.</summary>
/// <remarks>
/// Packed rows are the positions where the attention mask is 1, in row-major order. Unpacking gathers each padded
/// position's packed row by its index (the running count of mask ones, minus one); a padded position gets the index
/// of an appended zero row, so unpacked padding is exactly zero.
/// </remarks>
internal sealed class TokenPacking
{
    private const int BoolType = 9;
    private readonly OnnxGraphBuilder _graph;
    private readonly string _valid;
    private readonly string _packedIndex;
    private readonly string _batchAndSequence;
    private readonly int _hiddenSize;
    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    private TokenPacking(OnnxGraphBuilder graph, string valid, string packedIndex, string batchAndSequence, int hiddenSize)
    {
        _graph = graph;
        _valid = valid;
        _packedIndex = packedIndex;
        _batchAndSequence = batchAndSequence;
        _hiddenSize = hiddenSize;
    }

    /// <summary>Adds the nodes that compute the packing of this batch from its ids and attention mask.</summary>
    public static TokenPacking Create(OnnxGraphBuilder graph, string ids, string mask, BertConfig config)
    {
        var flatMask = graph.Node("Reshape", [mask, graph.Int64s("packing_flat", -1)]);
        var valid = graph.Node("Reshape", [graph.Node("NonZero", [flatMask]), graph.Int64s("packing_flat_valid", -1)]);
        var tokenCount = graph.Node("Shape", [valid]);
        var running = graph.Node("CumSum", [flatMask, graph.Int64Scalar("packing_axis", 0)]);
        var index = graph.Node("Sub", [running, graph.Int64s("packing_one", 1)]);
        var isToken = graph.Node("Cast", [flatMask], [new OnnxAttribute("to", Int: BoolType)]);
        var packedIndex = graph.Node("Where", [isToken, index, tokenCount]);
        var batchAndSequence = graph.Node("Shape", [ids]);
        return new TokenPacking(graph, valid, packedIndex, batchAndSequence, config.HiddenSize);
    }

    /// <summary>[batch, sequence, hidden] or [batch * sequence, hidden] to packed [tokens, hidden].</summary>
    public string Pack(string padded)
    {
        var rows = _graph.Node("Reshape", [padded, Constant($"pack_shape_{_hiddenSize}", () => _graph.Int64s($"pack_shape_{_hiddenSize}", -1, _hiddenSize))]);
        return _graph.Node("Gather", [rows, _valid], [new OnnxAttribute("axis", Int: 0)]);
    }

    /// <summary>Packed [tokens, width] to padded [batch * sequence, width], zero at padded positions.</summary>
    public string Unpack(string packed, int width)
    {
        var zero = Constant($"unpack_zero_{width}", () => _graph.Floats($"unpack_zero_{width}", [1, width], new float[width]));
        var withZero = _graph.Node("Concat", [packed, zero], [new OnnxAttribute("axis", Int: 0)]);
        return _graph.Node("Gather", [withZero, _packedIndex], [new OnnxAttribute("axis", Int: 0)]);
    }

    /// <summary>The shape [batch, sequence, h] of the padded form.</summary>
    public string PaddedShape(int h) => Shape("padded", h);

    /// <summary>The shape [batch, sequence, parts, heads, head size] for splitting a fused projection into heads.</summary>
    public string HeadsShape(int parts, int heads, int headSize) => Shape("heads", parts, heads, headSize);

    private string Shape(string name, params long[] tail)
    {
        var key = $"{name}_{string.Join('_', tail)}";
        return Constant(key, () => _graph.Node("Concat", [_batchAndSequence, _graph.Int64s(key + "_tail", tail)], [new OnnxAttribute("axis", Int: 0)]));
    }

    private string Constant(string key, Func<string> create)
    {
        if (!_constants.TryGetValue(key, out var value))
        {
            value = create();
            _constants[key] = value;
        }

        return value;
    }
}
