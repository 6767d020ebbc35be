using System.Runtime.InteropServices;

namespace Rapport.Embeddings.Onnx.Internal.Onnx;

/// <summary>Collects nodes, initializers, inputs and outputs of one ONNX graph and writes the model file.</summary>
/// <remarks>
/// Not thread-safe; used once per model build. Value names are generated (<c>v0</c>, <c>v1</c>, ...). Tensor data is
/// written as ONNX <c>raw_data</c>, which is little-endian: the bytes of the in-memory arrays are copied as they are,
/// so building refuses to run on a big-endian machine rather than write a wrong graph.
/// </remarks>
internal sealed class OnnxGraphBuilder
{
    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private int _next;
    private bool _usesMicrosoftDomain;

    /// <summary>Declares a graph input; <paramref name="shape"/> holds a size or a symbolic name per dimension.</summary>
    public string Input(string name, int dataType, params object[] shape)
    {
        _inputs.Add(w => WriteValueInfo(w, name, dataType, shape));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output named <paramref name="name"/>.</summary>
    public void Output(string value, string name, int dataType, params object[] shape)
    {
        Node("Identity", [value], [], name);
        _outputs.Add(w => WriteValueInfo(w, name, dataType, shape));
    }

    /// <summary>Adds a float tensor constant.</summary>
    public string Floats(string name, long[] dims, float[] values) =>
        Initializer(name, dims, OnnxFields.DataTypeFloat, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds an int8 tensor constant.</summary>
    public string Int8s(string name, long[] dims, sbyte[] values) =>
        Initializer(name, dims, OnnxFields.DataTypeInt8, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds an int64 tensor constant.</summary>
    public string Int64s(string name, params long[] values) =>
        Initializer(name, [values.Length], OnnxFields.DataTypeInt64, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Adds an int64 scalar (0-dimensional) constant, for operators that take a scalar index or axis.</summary>
    public string Int64Scalar(string name, long value) =>
        Initializer(name, [], OnnxFields.DataTypeInt64, BitConverter.GetBytes(value));

    /// <summary>Adds a float scalar constant.</summary>
    public string Scalar(string name, float value) =>
        Initializer(name, [], OnnxFields.DataTypeFloat, BitConverter.GetBytes(value));

    /// <summary>Adds a node of ONNX Runtime's <c>com.microsoft</c> domain with one output and returns the output's name.</summary>
    public string MicrosoftNode(string opType, string[] inputs)
    {
        _usesMicrosoftDomain = true;
        return Node(opType, inputs, domain: OnnxFields.MicrosoftDomain);
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, OnnxAttribute[]? attributes = null, string? output = null, string? domain = null)
    {
        var result = output ?? $"v{_next++}";
        var name = $"n{_nodes.Count}_{opType}";
        _nodes.Add(w =>
        {
            foreach (var input in inputs)
            {
                w.String(OnnxFields.NodeInput, input);
            }

            w.String(OnnxFields.NodeOutput, result);
            w.String(OnnxFields.NodeName, name);
            w.String(OnnxFields.NodeOpType, opType);
            foreach (var attribute in attributes ?? [])
            {
                w.Message(OnnxFields.NodeAttribute, attribute.WriteTo);
            }

            if (domain is not null)
            {
                w.String(OnnxFields.NodeDomain, domain);
            }
        });
        return result;
    }

    /// <summary>Writes the model (ONNX IR 8, default domain opset 17, and <c>com.microsoft</c> 1 when a node uses it) to <paramref name="destination"/>.</summary>
    public void WriteModel(Stream destination, string graphName, string docString)
    {
        using var model = new ProtoWriter();
        model.Int64(OnnxFields.ModelIrVersion, OnnxFields.IrVersion);
        model.String(OnnxFields.ModelProducerName, "Rapport.Embeddings.Onnx");
        model.String(OnnxFields.ModelProducerVersion, typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0");
        model.String(OnnxFields.ModelDocString, docString);
        model.Message(OnnxFields.ModelGraph, graph =>
        {
            graph.String(OnnxFields.GraphName, graphName);
            _nodes.ForEach(n => graph.Message(OnnxFields.GraphNode, n));
            _initializers.ForEach(i => graph.Message(OnnxFields.GraphInitializer, i));
            _inputs.ForEach(i => graph.Message(OnnxFields.GraphInput, i));
            _outputs.ForEach(o => graph.Message(OnnxFields.GraphOutput, o));
        });
        model.Message(OnnxFields.ModelOpsetImport, opset =>
        {
            opset.String(OnnxFields.OpsetDomain, "");
            opset.Int64(OnnxFields.OpsetVersion, OnnxFields.OpsetVersion17);
        });
        if (_usesMicrosoftDomain)
        {
            model.Message(OnnxFields.ModelOpsetImport, opset =>
            {
                opset.String(OnnxFields.OpsetDomain, OnnxFields.MicrosoftDomain);
                opset.Int64(OnnxFields.OpsetVersion, OnnxFields.MicrosoftOpsetVersion);
            });
        }
        model.WriteTo(destination);
    }

    private string Initializer(string name, long[] dims, int dataType, byte[] raw)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Building the ONNX graph needs a little-endian machine (ONNX raw_data is little-endian).");
        }

        _initializers.Add(w =>
        {
            w.Int64s(OnnxFields.TensorDims, dims);
            w.Int32(OnnxFields.TensorDataType, dataType);
            w.String(OnnxFields.TensorName, name);
            w.Bytes(OnnxFields.TensorRawData, raw);
        });
        return name;
    }

    private static void WriteValueInfo(ProtoWriter writer, string name, int dataType, object[] shape)
    {
        writer.String(OnnxFields.ValueInfoName, name);
        writer.Message(OnnxFields.ValueInfoType, type => type.Message(OnnxFields.TypeTensor, tensor =>
        {
            tensor.Int32(OnnxFields.TypeTensorElemType, dataType);
            tensor.Message(OnnxFields.TypeTensorShape, s =>
            {
                foreach (var dim in shape)
                {
                    s.Message(OnnxFields.ShapeDim, d =>
                    {
                        if (dim is string symbol)
                        {
                            d.String(OnnxFields.DimParam, symbol);
                        }
                        else
                        {
                            d.Int64(OnnxFields.DimValue, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    });
                }
            });
        }));
    }
}
