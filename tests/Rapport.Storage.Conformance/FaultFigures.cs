namespace Rapport.Storage.Conformance;

/// <summary>Where the fault-injection tests print their figures (writes, kills, lost, duplicated, residue) so that a passing
/// run shows them too: the test's own output, and the file named by <c>RAPPORT_TEST_FIGURES</c>, which <c>./test.sh</c> sets
/// and prints after the run (a passing test's output is not shown by <c>dotnet test</c>).</summary>
public static class FaultFigures
{
    private static readonly Lock Gate = new();

    /// <summary>Records one line of figures.</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("RAPPORT_TEST_FIGURES") is { Length: > 0 } path)
        {
            lock (Gate)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
