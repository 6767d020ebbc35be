using System.Text.RegularExpressions;

namespace Rapport.Evaluation.Internal;

/// <summary>The English cue patterns of the offline supportiveness scorer, one compiled regex per category.</summary>
/// <remarks>
/// Patterns run on lower-cased text with straight apostrophes (<see cref="PlainText.Normalize"/>). They were written
/// from counselling-skills guidance (validate, reflect, collaborate, offer one small step; avoid dismissing, blaming,
/// lecturing and minimizing), not mined from any dataset; docs/evaluation.md reports how they separate real turns.
/// Negated forms ("it's not your fault") are excluded from the penalties by <see cref="IsNegated"/>. The regexes
/// use the non-backtracking engine: the leading word alternations made the backtracking one several times slower.
/// </remarks>
internal static partial class SupportLexicon
{
    [GeneratedRegex(@"\b(?:(?:that|this|it)(?:'s| is| was| must be| must have been| sounds| seems| can be| can feel)(?: so| really| very| incredibly| pretty| such| quite| truly)? (?:hard|difficult|tough|painful|frustrating|stressful|overwhelming|exhausting|scary|upsetting|rough|heavy|a lot|lonely|unfair|awful|hurtful|draining|sad|hurt|confusing|worrying)|makes? (?:total |complete |perfect |a lot of )?sense|understandable|(?:completely|perfectly|totally) (?:normal|natural|valid)|natural to feel|(?:okay|ok|alright|fine|normal) to (?:feel|be|not)|no wonder|(?:anyone|anybody|most people) (?:would|in your)|i (?:can )?(?:understand|see) (?:why|how|that|what)|i (?:completely |totally |really )?understand|must (?:be|have been|feel) (?:so |really |very )?(?:hard|difficult|tough|painful|frustrating|stressful|overwhelming|exhausting|scary|upsetting|lonely|awful)|your feelings are|feelings are valid|not your fault)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Validation();

    [GeneratedRegex(@"(?:\bi'?m (?:so |really |very |truly |deeply )?sorry\b|\bi am (?:so |really |very |truly )?sorry\b|\bi hear you\b|\bi'?m (?:here|with you|glad)\b|\bi am (?:here|with you|glad)\b|\bthanks? (?:you )?for (?:sharing|telling|opening|trusting|reaching|being)\b|\bglad you (?:told|shared|reached|said|are)\b|\byou(?:'re| are) not alone\b|\bi care\b|\btake care\b|\bproud of you\b|\b(?:well done|good for you)\b|\byou(?:'re| are) (?:doing (?:your best|great|well|so well|the right)|strong|brave|not (?:a failure|weak|broken|alone))|\bthat takes (?:courage|strength)\b|\bsending (?:you )?(?:hugs|love)\b|\bi (?:really |truly )?hope (?:you|things|it|that|this)\b|\bi can (?:only )?imagine\b|\bi(?:'ve| have) been there\b|\bi know how (?:hard|difficult|it feels|you feel|that feels)\b|\b(?:that's|that is) (?:great|wonderful|good to hear|a good idea|a great idea)\b|\bi(?:'m| am) (?:happy|glad) (?:for you|to hear)\b|\byou deserve (?:better|support|to be|kindness|care)\b|[\u2764\u2665]|\uD83D[\uDC99\uDC9B\uDC9C\uDE4F\uDE0A\uDE42]|\uD83E[\uDD17\uDEC2])", RegexOptions.NonBacktracking)]
    public static partial Regex Warmth();

    [GeneratedRegex(@"\b(?:(?:it )?sounds (?:like|as if|as though)|it seems (?:like|that) you|you seem|you(?:'re| are) feeling|you (?:feel|felt)|you(?:'ve| have) been (?:feeling|carrying|dealing|going through)|what i(?:'m| am) hearing|if i understand|you mentioned|you said|i (?:can )?(?:hear|sense|imagine) (?:that|how|you|it)|so you(?:'re| are| feel| have)|you(?:'re| are| seem| sound| must feel| might feel| may feel| feel| felt| must be| might be)? (?:so |really |very |a bit |a little |quite |pretty )?(?:anxious|stressed|sad|lonely|overwhelmed|frustrated|hurt|scared|afraid|angry|depressed|worried|upset|exhausted|tired|stuck|lost|hopeless|nervous|down|isolated|betrayed|heartbroken|discouraged|disappointed|ashamed|guilty))\b", RegexOptions.NonBacktracking)]
    public static partial Regex Reflection();

    [GeneratedRegex(@"\b(?:we could|we can|let'?s|together|shall we|would you like|do you want to|would it help|how about|what if (?:we|you)|if you(?:'d| would) like|when you(?:'re| are) ready|if you want|you might|you could|maybe|perhaps|might help|could help|what do you think|how do you feel about|is there (?:anything|something|anyone)|(?:how|what)\b[^?.!]{1,80}\?)", RegexOptions.NonBacktracking)]
    public static partial Regex Collaboration();

    [GeneratedRegex(@"\b(?:me too|same here|i (?:also|too) (?:feel|felt|have|had|went|was|struggle|get)|i(?:'ve| have) (?:also |)(?:been through|felt|gone through|dealt with|had (?:a |the )?similar|experienced)|when i was|i went through|(?:the )?same (?:thing )?happened to me|i remember (?:when|feeling)|in my (?:experience|case))\b", RegexOptions.NonBacktracking)]
    public static partial Regex SelfDisclosure();

    [GeneratedRegex(@"\b(?:try(?:ing)?|have you (?:tried|thought about|considered)|it (?:might|may|could) help|one thing (?:that|you)|(?:take|taking) (?:a|one|some|three|two|five|few|a few)(?: slow| deep| short| small| quick| little)? (?:breath|breaths|moment|minute|minutes|break|walk|step|pause)|breathe|breathing|stretch|go for a walk|write (?:down|it|them|a)|journal(?:ing)?|drink (?:some )?water|step outside|reach out|talk (?:to|with)|(?:one|a) (?:small|tiny|little|first|next) (?:step|thing)|right now|for a (?:minute|moment|few minutes)|tonight|this (?:evening|week|afternoon)|counsel(?:l)?or|therapist|professional help|support group)\b", RegexOptions.NonBacktracking)]
    public static partial Regex NextStep();

    [GeneratedRegex(@"\b(?:calm down|get over it|move on|snap out of it|toughen up|man up|stop (?:worrying|crying|complaining|whining|overthinking|being (?:so )?(?:dramatic|sensitive|negative|silly))|who cares|so what|deal with it|not my problem|that'?s life|it is what it is|you(?:'re| are) (?:overreacting|being (?:dramatic|silly|ridiculous|childish|too sensitive)|too sensitive|so dramatic)|don'?t be (?:sad|silly|so|upset|dramatic|ridiculous|stupid|a baby)|whatever)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Dismissive();

    [GeneratedRegex(@"\b(?:your (?:own )?fault|you brought (?:it|this|that) on|you deserved? (?:it|this|that)|you should(?: have|'ve) (?:known|done|listened|thought)|you shouldn'?t have|why did(?:n'?t)? you|what did you expect|you always|you never|because of you|you made (?:this|it|that) happen|serves you right)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Blaming();

    [GeneratedRegex(@"\b(?:you (?:need|have|ought|must|got) to|you must|you(?:'ve| have) got to|the key is|the answer is|obviously|everyone knows|it'?s simple|simply|the only way|listen to me|trust me|the truth is|you need|you should)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Preachy();

    [GeneratedRegex(@"\b(?:at least|could (?:be|have been) worse|others have it worse|(?:it'?s|it is|that'?s) (?:nothing|not (?:that|a) (?:bad|big deal))|no big deal|not a big deal|don'?t worry|cheer up|look on the bright side|just (?:smile|be (?:happy|positive)|think positive)|everything happens for a reason|(?:it'?s|it is) (?:all )?in your head|it'?ll pass|everyone (?:feels|goes through|has)|happens to everyone|not worth (?:worrying|crying|being))\b", RegexOptions.NonBacktracking)]
    public static partial Regex Minimizing();

    /// <summary>Whether <paramref name="pattern"/> matches somewhere not negated ("not your fault").</summary>
    public static bool HasUnnegated(Regex pattern, string text)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (!IsNegated(text, match.Index))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns whether the cue at <paramref name="index"/> is negated ("not your fault", "never just calm down").</summary>
    public static bool IsNegated(ReadOnlySpan<char> text, int index)
    {
        var before = text[..index].TrimEnd();
        if (before.EndsWith("just", StringComparison.Ordinal) || before.EndsWith("all", StringComparison.Ordinal))
        {
            var space = before.LastIndexOf(' ');
            before = before[..Math.Max(space, 0)].TrimEnd();
        }

        return before.EndsWith("not", StringComparison.Ordinal) || before.EndsWith("n't", StringComparison.Ordinal)
            || before.EndsWith("never", StringComparison.Ordinal) || before.EndsWith("no one's", StringComparison.Ordinal);
    }
}
