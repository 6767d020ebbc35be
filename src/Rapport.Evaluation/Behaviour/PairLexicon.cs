using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Rapport.Evaluation.Behaviour;

/// <summary>English word lists and phrase patterns for the pair features, written from the MITI code definitions.</summary>
/// <remarks>
/// Written by the team from the public definitions of the behaviour codes (docs/evaluation.md), never mined from any
/// dataset. Patterns run on text normalized by <c>PlainText.Normalize</c> (lower case, straight apostrophes).
/// </remarks>
internal static partial class PairLexicon
{
    public static readonly FrozenSet<string> WhWords = FrozenSet.ToFrozenSet(
        ["what", "what's", "how", "how's", "why", "when", "where", "which", "who", "whose", "whom"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Auxiliaries = FrozenSet.ToFrozenSet(
        ["do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "can", "could", "would", "will", "should",
         "shall", "may", "might", "am", "isn't", "aren't", "don't", "doesn't", "didn't", "wasn't", "haven't", "won't",
         "wouldn't", "can't", "couldn't", "shouldn't", "any", "anything", "anyone", "ever"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Imperatives = FrozenSet.ToFrozenSet(
        ["take", "go", "write", "talk", "call", "try", "stop", "start", "make", "get", "keep", "give", "put", "set", "use",
         "drink", "eat", "sleep", "breathe", "remember", "think", "don't", "avoid", "ask", "tell", "find", "look", "focus",
         "consider", "plan", "schedule", "book", "join", "download", "limit", "cut", "turn", "switch", "leave", "stay",
         "practice", "practise", "list", "pick", "just", "be", "never", "always", "quit", "see", "speak", "reach", "let",
         "walk", "stretch", "check", "note", "read", "sit", "lie", "hold", "remind", "drop", "skip", "move", "build",
         "aim", "buy", "prepare", "pack", "swap", "replace", "add", "cook", "track", "count", "rest", "wake", "bring",
         "save", "spend", "pay", "picture", "imagine", "repeat", "open", "close", "write", "delete", "mute", "block"],
        StringComparer.Ordinal);

    public static readonly FrozenSet<string> SecondPerson = FrozenSet.ToFrozenSet(
        ["you", "your", "you're", "yours", "yourself", "you've", "you'd", "you'll", "u", "ur"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> FirstPerson = FrozenSet.ToFrozenSet(
        ["i", "me", "my", "i'm", "i've", "i'd", "i'll", "myself", "mine"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Continuations = FrozenSet.ToFrozenSet(
        ["and", "but", "or", "especially", "because", "which", "even", "while", "since", "like", "as", "until", "without",
         "only", "not", "so"], StringComparer.Ordinal);

    public static readonly FrozenSet<string> Fillers = FrozenSet.ToFrozenSet(
        ["ok", "okay", "hi", "hello", "hey", "thanks", "thank", "bye", "sure", "alright", "mm", "mhm", "hmm", "right",
         "got", "it", "i", "see", "yes", "yeah", "cool", "noted", "good", "morning", "evening", "welcome", "no", "problem"],
        StringComparer.Ordinal);

    /// <summary>Feeling words (and stems of their forms), for "the turn names a feeling".</summary>
    public static readonly FrozenSet<string> Feelings = FrozenSet.ToFrozenSet(
        ["sad", "anxious", "anxiety", "angry", "anger", "hurt", "scared", "afraid", "fear", "frightened", "worried", "worry",
         "lonely", "alone", "ashamed", "shame", "guilty", "guilt", "embarrassed", "frustrated", "frustrating", "frustration",
         "overwhelmed", "overwhelming", "exhausted", "exhausting", "tired", "drained", "stressed", "stress", "stressful",
         "nervous", "upset", "hopeless", "helpless", "stuck", "trapped", "lost", "confused", "betrayed", "resentful",
         "resent", "jealous", "disappointed", "disappointing", "heartbroken", "grief", "grieving", "miss", "missing",
         "relieved", "relief", "proud", "happy", "glad", "hopeful", "hope", "excited", "calm", "torn", "conflicted",
         "unsure", "uncertain", "panic", "panicky", "dread", "dreading", "furious", "annoyed", "irritated", "bitter",
         "numb", "empty", "worthless", "useless", "invisible", "unseen", "unheard", "unappreciated", "rejected",
         "abandoned", "isolated", "insecure", "defeated", "discouraged", "burnt", "burned", "worn", "fed", "sick",
         "terrified", "pressure", "pressured", "powerless", "regret", "sorry", "tense", "restless", "heavy", "raw",
         "scary", "painful", "pain", "hard", "tough", "unfair", "safe", "unsafe", "loved", "unloved", "care", "cares",
         "matters", "fault", "failure", "failing", "weak", "enough"], StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:should|shouldn't|need to|needs to|have to|has to|must|ought to|got to|gotta|it's important (?:to|that)|make sure|it'?s best to|better to|you'd better)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Directive();

    [GeneratedRegex(@"\b(?:try|trying|let's|lets|how about|why not|consider|remember to|it (?:might|may|could|can|would) help|you (?:could|might|may|can) (?:try|want|start|consider|also)|i (?:suggest|recommend|would|'d)|my (?:advice|suggestion|tip)|one (?:option|idea|thing (?:that|you|to))|a good (?:idea|way|start)|what (?:works|helps) (?:for|is)|some people (?:find|try|use)|many people (?:find|try)|the trick is|a (?:tip|trick))\b", RegexOptions.NonBacktracking)]
    public static partial Regex Suggestion();

    [GeneratedRegex(@"\b(?:research|studies|study shows|it's (?:common|normal|typical|known)|is common|are common|many people|most people|usually|typically|tends to|can cause|is a sign|are a sign|on average|per cent|percent|experts|doctors|according to|the body|your body|the brain|your brain|\d+)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Information();

    [GeneratedRegex(@"\b(?:part of you|on (?:the )?one hand|on the other|and yet|at the same time|both (?:want|wanting|need|feel)|(?:and|but) (?:also|another part)|torn between|pulled (?:in|between)|even though you|although you|while you)\b", RegexOptions.NonBacktracking)]
    public static partial Regex DoubleSided();

    [GeneratedRegex(@"\b(?:so far|let me (?:see|check|make sure)|if i(?:'ve| have)? (?:got|understood)|you've (?:told|mentioned|said|described)|you (?:mentioned|described|talked about)|(?:to|in) sum|putting (?:it|this) together|all (?:of )?(?:this|that|these)|a lot (?:going on|on your plate)|several things|on top of)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Summary();

    [GeneratedRegex(@"\b(?:you(?:'ve| have) (?:done|managed|worked|shown|kept|taken|stuck|been (?:so |really |very )?(?:brave|honest|patient|strong|persistent|thoughtful|caring))|(?:that|it) (?:took|takes) (?:courage|guts|strength|effort|a lot)|you (?:really |clearly |obviously |truly )?(?:care|love|value)|you(?:'re| are) (?:really |clearly |obviously |so |very )?(?:committed|determined|resourceful|strong|brave|honest|thoughtful|persistent|caring|a good|someone who)|(?:says|shows|tells) (?:a lot|something) about you|good for you|well done|proud of|credit|you did (?:it|that|well|something)|your (?:effort|commitment|honesty|courage|determination|persistence|care)|you (?:kept|stuck|showed|managed|found|noticed|made it)|despite (?:all|everything)|you didn't give up)\b", RegexOptions.NonBacktracking)]
    public static partial Regex Affirmation();

    [GeneratedRegex(@"\b(?:would you like|would it help|would it be (?:ok|okay|alright|helpful)|is it (?:ok|okay|alright) if|(?:can|could|may) i (?:share|suggest|offer|tell|mention|add|ask)|do you want me to|would you be open|are you open|(?:your|you) (?:call|choice|decision|decide|know (?:yourself|best|what))|up to you|(?:what|how) would (?:you like|work for you|feel right)|if you(?:'d| would)? like|if you want|when you(?:'re| are) ready|together|we could|shall we|what do you (?:think|make of)|in your own (?:time|way))\b", RegexOptions.NonBacktracking)]
    public static partial Regex Collaboration();

    [GeneratedRegex(@"\b(?:if you (?:keep|don't|do not|carry on|continue)|you(?:'ll| will) (?:end up|regret|lose|never|only)|you(?:'re| are) (?:being|just|overreacting|making excuses|wrong)|honestly|come on|seriously|the problem is|the truth is|you can't (?:keep|just|go on)|(?:that's|that is) (?:just )?(?:an excuse|wrong|not true|silly|ridiculous|your problem|on you)|face it|admit (?:it|that)|let's be honest|you know (?:that's|it's|you)|no excuse|grow up|i don't (?:think|buy)|that's not (?:how|what)|whose fault|it's not (?:that|so) (?:bad|hard|big)|everyone (?:does|has|goes|feels)|other people manage|people have it worse|just (?:stop|do|get|be)|that's what happens|(?:is|are|was) (?:partly |all |really )?on you|doesn't make it (?:less|ok|okay|any|better)|you're probably (?:just )?(?:imagining|overthinking|being|making)|probably just|a bit of a|(?:really|very|so) unhealthy|nobody is (?:paying|looking|thinking|watching)|you know\.?$|you only have yourself|you brought|you're the (?:problem|one who)|stop (?:making|being|feeling))\b", RegexOptions.NonBacktracking)]
    public static partial Regex Confront();

    [GeneratedRegex(@"\b(?:what (?:should|can|could|do) i|how (?:do|can|could|should) i|should i|any (?:tips|advice|ideas|suggestions|thoughts)|(?:tips|advice|ideas|suggestions) (?:on|for|about)|can you (?:help|tell|suggest|give|recommend|explain)|could you (?:help|tell|suggest|give|recommend|explain)|what would you|do you (?:have|know) (?:any|of)|is there (?:anything|a way|something)|what (?:helps|works)|yes,? please|(?:sure|yes|yeah|ok|okay),? (?:go ahead|tell me|i'd like|that would|please)|please (?:tell|help|give)|i'd (?:love|like) (?:some|to hear|any)|i'm open to|tell me (?:what|how)|what are (?:my|the) options|where (?:do|should) i|i (?:need|want) (?:some )?(?:advice|help|ideas|tips)|is it (?:normal|bad|true|safe)|go on|go ahead|i'm (?:all ears|listening)|tell me|please do|that would help|(?:what's|what is) (?:a|the) (?:good|best) way|how do you (?:actually )?do|how (?:do|can|should) (?:i|we|you) (?:stop|start|get|deal|handle|cope|fix|make)|any (?:advice|tips|ideas)|^(?:yes|yeah|yep|sure|please)\b)", RegexOptions.NonBacktracking)]
    public static partial Regex AsksForAdvice();

    [GeneratedRegex(@"^(?:when|where|which|who|what time|what day|how (?:long|many|much|old|often|far))\b", RegexOptions.NonBacktracking)]
    public static partial Regex FactQuestionStart();

    [GeneratedRegex(@"\b(?:it(?:'ll| will) (?:be|get) (?:ok|okay|fine|alright|better)|everything (?:will|happens)|thanks for (?:sharing|telling)|thank you for (?:sharing|telling)|(?:good|nice) to (?:hear|meet)|see you|talk (?:soon|later)|have a (?:good|nice)|you(?:'ll| will) be (?:ok|okay|fine|alright)|hang in there|stay strong|hope (?:it|things|that) (?:helps|get)|(?:let's|we'll) (?:pick|continue|talk) (?:this|it|that)? ?(?:up|next|tomorrow|later))\b", RegexOptions.NonBacktracking)]
    public static partial Regex OtherPhrases();

    [GeneratedRegex(@"\b(?:right|correct|yes|no|isn't it|is that (?:right|it|so|true|correct)|am i right|does that (?:fit|sound right|make sense)|yeah|huh|ok|okay)\s*\?\s*$", RegexOptions.NonBacktracking)]
    public static partial Regex TagQuestion();
}
