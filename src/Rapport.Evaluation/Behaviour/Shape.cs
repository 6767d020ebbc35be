namespace Rapport.Evaluation.Behaviour;

/// <summary>Counts over the words and sentences of one normalized turn: question forms, person, imperatives, fillers.</summary>
internal readonly record struct Shape(
    int Words, int Sentences, int Questions, int WhQuestions, int AuxQuestions, int ImperativeStarts, int SecondPerson,
    int FirstPerson, int Feelings, bool ContinuationStart, int ListJoins, int Fillers, int Negations, bool SoStart,
    int YouStatements)
{
    private static readonly char[] Terminators = ['.', '!', '?', '\u2026', '\n', ';'];

    public static Shape Of(string text)
    {
        int words = 0, sentences = 0, questions = 0, wh = 0, aux = 0, imperative = 0, second = 0, first = 0, feelings = 0;
        int joins = 0, fillers = 0, negations = 0, you = 0;
        var trimmed = text.AsSpan().TrimStart();
        var continuation = trimmed.StartsWith("...") || trimmed.StartsWith("\u2026") || trimmed.StartsWith("-");
        var soStart = false;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(Terminators, start);
            var stop = end < 0 ? text.Length : end;
            var isQuestion = end >= 0 && text[end] == '?';
            var sentenceWords = 0;
            var firstWord = "";
            var secondWord = "";
            foreach (var word in Behaviour.Words.In(text.AsSpan(start, stop - start)))
            {
                var w = word.ToString();
                if (sentenceWords == 0)
                {
                    firstWord = w;
                }
                else if (sentenceWords == 1)
                {
                    secondWord = w;
                }

                sentenceWords++;
                second += PairLexicon.SecondPerson.Contains(w) ? 1 : 0;
                first += PairLexicon.FirstPerson.Contains(w) ? 1 : 0;
                feelings += PairLexicon.Feelings.Contains(w) ? 1 : 0;
                fillers += PairLexicon.Fillers.Contains(w) ? 1 : 0;
                negations += w is "not" or "never" or "no" or "nothing" || w.EndsWith("n't", StringComparison.Ordinal) ? 1 : 0;
                joins += w == "and" ? 1 : 0;
            }

            for (var i = start; i < stop; i++)
            {
                joins += text[i] == ',' ? 1 : 0;
            }

            if (sentenceWords > 0)
            {
                if (words == 0)
                {
                    continuation |= PairLexicon.Continuations.Contains(firstWord);
                    soStart = firstWord is "so" or "sounds" or "seems" || (firstWord == "it" && secondWord is "sounds" or "seems");
                }

                sentences++;
                words += sentenceWords;
                questions += isQuestion ? 1 : 0;
                wh += isQuestion && (PairLexicon.WhWords.Contains(firstWord) || PairLexicon.WhWords.Contains(secondWord)) ? 1 : 0;
                aux += isQuestion && PairLexicon.Auxiliaries.Contains(firstWord) ? 1 : 0;
                imperative += !isQuestion && PairLexicon.Imperatives.Contains(firstWord) && !PairLexicon.SecondPerson.Contains(secondWord) ? 1 : 0;
                you += !isQuestion && PairLexicon.SecondPerson.Contains(firstWord) ? 1 : 0;
            }

            start = stop + 1;
        }

        return new Shape(words, sentences, questions, wh, aux, imperative, second, first, feelings, continuation, joins,
            fillers, negations, soStart, you);
    }
}
