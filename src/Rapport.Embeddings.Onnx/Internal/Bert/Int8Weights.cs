namespace Rapport.Embeddings.Onnx.Internal.Bert;

/// <summary>Symmetric int8 quantization of a transposed [inputs, outputs] weight matrix, one scale per output column, as ONNX
/// Runtime's <c>DynamicQuantizeMatMul</c> takes it (int8 B, 1-D <c>b_scale</c> of the columns' count, zero point 0).</summary>
/// <remarks>
/// Each column's largest magnitude maps to <see cref="Levels"/>. That is 63 (7 bits), not 127: on x86 CPUs without VNNI, ONNX
/// Runtime multiplies the activations (uint8) by the weights (int8) with <c>vpmaddubsw</c>, which saturates when the two
/// neighbouring products it adds exceed the int16 range (255 x 127 x 2 does; 255 x 63 x 2 does not). ONNX Runtime's own
/// quantizer calls this <c>reduce_range</c>.
/// </remarks>
internal static class Int8Weights
{
    /// <summary>The quantized value of each column's largest magnitude.</summary>
    public const int Levels = 63;

    /// <summary>Returns the quantized weights (same layout) and the scale of each output column.</summary>
    public static (sbyte[] Values, float[] Scales) Quantize(float[] weight, int inputs, int outputs)
    {
        if (weight.Length != inputs * outputs)
        {
            throw new ArgumentException($"The weight has {weight.Length} values; expected {inputs} x {outputs}.", nameof(weight));
        }

        var scales = new float[outputs];
        for (var i = 0; i < inputs; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                scales[o] = MathF.Max(scales[o], MathF.Abs(weight[(i * outputs) + o]));
            }
        }

        for (var o = 0; o < outputs; o++)
        {
            // An all-zero column keeps scale 1 (its values quantize to 0 either way).
            scales[o] = scales[o] > 0 ? scales[o] / Levels : 1f;
        }

        var values = new sbyte[weight.Length];
        for (var i = 0; i < inputs; i++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var q = MathF.Round(weight[(i * outputs) + o] / scales[o], MidpointRounding.ToEven);
                values[(i * outputs) + o] = (sbyte)Math.Clamp(q, -Levels, Levels);
            }
        }

        return (values, scales);
    }
}
