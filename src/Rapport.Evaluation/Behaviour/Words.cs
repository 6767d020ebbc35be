namespace Rapport.Evaluation.Behaviour;

/// <summary>Enumerates the words of text without allocating: runs of letters or digits with inner apostrophes.</summary>
internal static class Words
{
    public static Enumerator In(ReadOnlySpan<char> text) => new(text);

    /// <summary>A span enumerator over the words.</summary>
    public ref struct Enumerator(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var i = _next;
            while (i < _text.Length && !char.IsLetterOrDigit(_text[i]))
            {
                i++;
            }

            if (i >= _text.Length)
            {
                _next = i;
                return false;
            }

            var start = i;
            while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || (_text[i] == '\'' && i + 1 < _text.Length && char.IsLetter(_text[i + 1]))))
            {
                i++;
            }

            Current = _text[start..i];
            _next = i;
            return true;
        }
    }
}
