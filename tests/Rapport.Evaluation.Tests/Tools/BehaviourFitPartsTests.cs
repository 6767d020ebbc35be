using Rapport.BehaviourFit;
using Rapport.Evaluation.Behaviour;

namespace Rapport.Evaluation.Tests.Tools;

/// <summary>The fitting tool's parts: the ESConv strategy mapping and the deterministic fitter. Inputs are self-written.</summary>
public sealed class BehaviourFitPartsTests
{
    [Fact]
    public void EsconvRead_MapsStrategiesOntoTheCodes()
    {
        var file = Path.GetTempFileName();
        try
        {
            // One dialog in ESConv's format, written for this test.
            File.WriteAllText(file, """
                {"dialog": [{"text": "I lost my job and I feel useless.", "speaker": "usr"}, {"text": "You feel useless since the job went.", "speaker": "sys", "strategy": "Restatement or Paraphrasing"}, {"text": "So you feel useless?", "speaker": "sys", "strategy": "Reflection of feelings"}, {"text": "What happened?", "speaker": "sys", "strategy": "Question"}, {"text": "Did they warn you?", "speaker": "sys", "strategy": "Question"}, {"text": "What should I do now?", "speaker": "usr"}, {"text": "Update your CV this week.", "speaker": "sys", "strategy": "Providing Suggestions"}, {"text": "ok", "speaker": "usr"}, {"text": "Apply to three jobs a day.", "speaker": "sys", "strategy": "Providing Suggestions"}, {"text": "Hello there.", "speaker": "sys", "strategy": "Others"}]}

                """);

            var pairs = Esconv.Read(file, every: 1);

            Assert.Equal(
                [BehaviourCode.SimpleReflection, BehaviourCode.ClosedQuestion, BehaviourCode.OpenQuestion, BehaviourCode.ClosedQuestion,
                 BehaviourCode.AdviceWithPermission, BehaviourCode.AdviceWithoutPermission, BehaviourCode.Other],
                pairs.Select(p => p.Code));
            Assert.Equal("What should I do now?", pairs[4].Previous);
            Assert.All(pairs, p => Assert.Equal("esconv-0", p.Group));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void SoftmaxRegression_SeparableClasses_LearnsThemAndIsDeterministic()
    {
        // Three classes, each marked by one of three features, plus a noise feature.
        var x = new double[60][];
        var y = new int[60];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = i % 3;
            x[i] = [1, y[i] == 0 ? 1 : 0, y[i] == 1 ? 1 : 0, y[i] == 2 ? 1 : 0, (i * 7 % 5) / 5.0];
        }

        var weights = Enumerable.Repeat(1.0, x.Length).ToArray();

        var first = SoftmaxRegression.Fit(x, y, weights, classes: 3, lambda: 0.01);
        var second = SoftmaxRegression.Fit(x, y, weights, classes: 3, lambda: 0.01);

        Assert.Equal(first, second);
        Assert.All(first, w => Assert.Equal(Math.Round(w, 4), w));
        for (var i = 0; i < x.Length; i++)
        {
            var scores = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, 5).Sum(j => first[(k * 5) + j] * x[i][j])).ToList();
            Assert.Equal(y[i], scores.IndexOf(scores.Max()));
        }
    }
}
