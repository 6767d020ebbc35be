namespace Rapport.Embeddings.Onnx.Internal.Onnx;

/// <summary>One node attribute: an integer, a float or a list of integers.</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public void WriteTo(ProtoWriter writer)
    {
        writer.String(OnnxFields.AttributeName, Name);
        if (Int is { } i)
        {
            writer.Int64(OnnxFields.AttributeInt, i);
            writer.Int32(OnnxFields.AttributeType, OnnxFields.AttributeTypeInt);
        }
        else if (Float is { } f)
        {
            writer.Float(OnnxFields.AttributeFloat, f);
            writer.Int32(OnnxFields.AttributeType, OnnxFields.AttributeTypeFloat);
        }
        else
        {
            writer.Int64s(OnnxFields.AttributeInts, Ints ?? []);
            writer.Int32(OnnxFields.AttributeType, OnnxFields.AttributeTypeInts);
        }
    }
}
