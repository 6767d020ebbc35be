using Rapport.Learning;

namespace Rapport.Tests.Learning;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Jacobi_TwoByTwo_ReturnsBothEigenpairs()
    {
        var (values, vectors) = SymmetricEigen.Jacobi([[2, 1], [1, 2]]);

        var larger = values[0] > values[1] ? 0 : 1;
        Assert.Equal(3, values[larger], 9);
        Assert.Equal(1, values[1 - larger], 9);
        Assert.Equal(1, Math.Abs(vectors[larger][0] + vectors[larger][1]) / Math.Sqrt(2), 9);
    }

    [Fact]
    public void Extremes_LowRankOfBothSigns_FindsTheStrongestDirectionsAndTheMostNegativeValue()
    {
        // 5 u u^T + 3 w w^T - 4 z z^T + small values on the diagonal, in 60 dimensions.
        const int d = 60;
        var (u, w, z) = (Basis(d, 3), Basis(d, 17), Basis(d, 40));
        var matrix = new double[d][];
        for (var i = 0; i < d; i++)
        {
            matrix[i] = new double[d];
            for (var j = 0; j < d; j++)
            {
                matrix[i][j] = (5 * u[i] * u[j]) + (3 * w[i] * w[j]) - (4 * z[i] * z[j]) + (i == j ? 0.01 * (i % 5) : 0);
            }
        }

        var (values, vectors) = SymmetricEigen.Extremes(matrix, 8);

        // The diagonal adds 0.03 on axis 3, 0.02 on axis 17 and nothing on axis 40.
        Assert.Equal(5.03, values[0], 6);
        Assert.Equal(3.02, values[1], 6);
        Assert.Equal(-4, values[^1], 6);
        Assert.True(Math.Abs(vectors[0][3]) > 0.999, $"first direction {vectors[0][3]}");
        Assert.True(Math.Abs(vectors[1][17]) > 0.999, $"second direction {vectors[1][17]}");
    }

    private static double[] Basis(int d, int axis)
    {
        var v = new double[d];
        v[axis] = 1;
        return v;
    }
}
