using System.Text;
using Rapport.Evaluation.Retrieval;

namespace Rapport.Evaluation.Tests.Retrieval;

public sealed class LocomoReaderTests
{
    [Fact]
    public async Task LoadAsync_SmallFile_ReadsTurnsQuestionsAndRepairsEvidence()
    {
        var path = await LocomoSample.WriteAsync();
        try
        {
            var dataset = await LocomoReader.LoadAsync(path);

            var conversation = Assert.Single(dataset.Conversations);
            Assert.Equal("conv-test", conversation.Id);
            Assert.Equal(["D1:1", "D1:2", "D1:3", "D2:1", "D2:2"], conversation.Turns.Select(t => t.DialogId));
            Assert.Equal("a photo of a sunset over a lake", conversation.Turns[2].ImageCaption);
            Assert.Equal("9:00 am on 20 May, 2023", conversation.Turns[3].SessionDate);
            Assert.Equal(["D1:2", "D2:1"], conversation.Questions[1].Evidence);
            Assert.Equal(["D1:3"], conversation.Questions[2].Evidence);
            Assert.Empty(conversation.Questions[3].Evidence);
            Assert.Equal(2, dataset.NormalizedEvidence);
            Assert.Equal(2, dataset.SkippedEvidence); // "D" is unreadable, "D9:9" names no turn
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("42", "JSON array of conversations")]
    [InlineData("[{ \"sample_id\": \"x\" }]", "no \"conversation\" object")]
    [InlineData("[{ \"conversation\": { \"session_1\": [ { \"text\": \"hi\" } ] } }]", "needs \"speaker\" and \"text\"")]
    public async Task ReadAsync_Malformed_SaysWhatIsWrong(string json, string reason)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = await Assert.ThrowsAsync<FormatException>(() => LocomoReader.ReadAsync(stream));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_Throws()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => LocomoReader.LoadAsync("/nonexistent/locomo.json"));
    }

    [Fact]
    public async Task LoadAsync_SharedDevelopmentHalf_ReadsFiveConversations()
    {
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/locomo/locomo-dev.json"));
        if (!File.Exists(path))
        {
            Assert.Skip($"The shared LoCoMo data is absent ({path}); this test only runs next to ../shared.");
        }

        var dataset = await LocomoReader.LoadAsync(path);

        Assert.Equal(5, dataset.Conversations.Count);
        Assert.All(dataset.Conversations, c => Assert.NotEmpty(c.Questions));
        Assert.True(dataset.NormalizedEvidence > 0);
    }
}
