namespace Rapport.Calibration;

/// <summary>Self-written example replies for the semantic probe: a response's similarity to each set's centroid is a feature.</summary>
/// <remarks>Written for this project from counselling-skills guidance and everyday small talk; no dataset text.</remarks>
internal static class Prototypes
{
    public static readonly (string Name, string[] Texts)[] Sets =
    [
        ("empathic", [
            "That sounds really hard, and it makes sense that you feel this way.",
            "I'm so sorry you're going through this; it must be exhausting to carry it alone.",
            "It sounds like you've been under a lot of pressure lately and you're worn out.",
            "Your feelings are completely understandable given everything that has happened.",
            "It's okay to feel sad about this; losing something that mattered to you hurts.",
            "I can hear how much this worries you, and I'm glad you told me about it.",
            "You're not alone in this, and it's brave of you to talk about it.",
            "It must be so frustrating to keep trying and still feel stuck.",
            "That would make anyone anxious; you've been dealing with so much uncertainty.",
            "I understand why you feel hurt; being left out by people you trust is painful.",
        ]),
        ("exploring", [
            "How have you been feeling since it happened?",
            "What part of this weighs on you the most right now?",
            "Can you tell me a bit more about what happened with your friend?",
            "How are you coping with all of this at the moment?",
            "What do you think would help you feel a little more settled?",
            "Is there someone in your life you can lean on while this is going on?",
            "When did you first start feeling this way?",
            "What has helped you get through difficult times before?",
        ]),
        ("suggesting", [
            "Maybe you could write down what's on your mind before bed so it feels less overwhelming.",
            "It might help to take a short walk or a few slow breaths when the stress builds up.",
            "Would it help to talk to your manager about the workload and ask for some support?",
            "Some people find it useful to break a big task into one small step for today.",
            "Perhaps reaching out to a counselor could give you some extra support with this.",
            "You could try setting aside a little time each day just for something you enjoy.",
            "Have you thought about telling your sister how you feel about this?",
            "One thing that sometimes helps is planning a small routine for the morning.",
        ]),
        ("dismissive", [
            "Just calm down, it's really not a big deal.",
            "Everyone goes through that, so stop complaining and get over it.",
            "Well, it's your own fault for waiting until the last minute.",
            "At least you have a job; other people have it much worse.",
            "You're overreacting, it's not worth crying about.",
            "Cheer up and stop being so negative all the time.",
            "You should have known better than to trust him.",
            "That's life, you just have to deal with it.",
        ]),
        ("off topic", [
            "I just ordered some pizza and I'm watching a movie tonight.",
            "My weekend was fine, I went shopping and cleaned my house.",
            "I'm fine, thanks. What's the weather like where you are?",
            "I also work from home and my job is pretty boring these days.",
            "My boyfriend and I had a fight about money yesterday.",
            "Do you like video games? I play a lot of them.",
            "I have two kids and they keep me really busy.",
            "The traffic in my city has been terrible this week.",
        ]),
        ("filler", [
            "Hi, how are you?",
            "Hello there.",
            "Are you still there?",
            "ok",
            "yes",
            "I see.",
            "Hmm, okay.",
            "Bye, have a nice day.",
        ]),
    ];
}
