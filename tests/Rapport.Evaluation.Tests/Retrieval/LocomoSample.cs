namespace Rapport.Evaluation.Tests.Retrieval;

/// <summary>A small LoCoMo-format file, written by the tests (the real dataset is never needed).</summary>
internal static class LocomoSample
{
    public const string Json = """
        [
          {
            "sample_id": "conv-test",
            "conversation": {
              "speaker_a": "Ana",
              "speaker_b": "Ben",
              "session_1_date_time": "1:56 pm on 8 May, 2023",
              "session_1": [
                { "speaker": "Ana", "dia_id": "D1:1", "text": "I adopted a puppy named Biscuit last week." },
                { "speaker": "Ben", "dia_id": "D1:2", "text": "That's lovely! I started learning the violin." },
                { "speaker": "Ana", "dia_id": "D1:3", "text": "Look at this.", "blip_caption": "a photo of a sunset over a lake" }
              ],
              "session_2_date_time": "9:00 am on 20 May, 2023",
              "session_2": [
                { "speaker": "Ben", "dia_id": "D2:1", "text": "My violin teacher says I'm improving fast." },
                { "speaker": "Ana", "dia_id": "D2:2", "text": "Biscuit chewed my running shoes." }
              ]
            },
            "qa": [
              { "question": "What is the name of Ana's puppy?", "answer": "Biscuit", "evidence": ["D1:1"], "category": 4 },
              { "question": "Which instrument is Ben learning?", "answer": "violin", "evidence": ["D1:2; D2:1"], "category": 1 },
              { "question": "What did Ana photograph?", "answer": "a sunset", "evidence": ["D:1:3", "D"], "category": 4 },
              { "question": "Unanswerable?", "evidence": ["D9:9"], "category": 5 }
            ]
          }
        ]
        """;

    public static async Task<string> WriteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"locomo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Json);
        return path;
    }
}
