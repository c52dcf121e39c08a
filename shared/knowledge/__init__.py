"""The coaching knowledge base: curated, cited entries the coach retrieves by the member's situation.

Each entry says when it applies, what to offer, one small exercise, and where the idea comes from. The offline
coach composes from these; with a language model, the retrieved entries go into the prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    # Words and phrases that suggest the entry applies (matched on word starts, case-insensitive).
    applies_when: tuple[str, ...]
    offer: str
    exercise: str
    question: str
    source: str
    # Alternatives, so that similar messages don't get identical replies (the offline coach picks among them).
    more_exercises: tuple[str, ...] = ()
    more_questions: tuple[str, ...] = ()

    def exercises(self) -> tuple[str, ...]:
        return (self.exercise, *self.more_exercises)

    def questions(self) -> tuple[str, ...]:
        return (self.question, *self.more_questions)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="pursue-withdraw",
        title="Attachment styles and the pursue–withdraw cycle",
        applies_when=(
            "distant", "distance", "withdraw", "pull away", "pulls away", "shut down", "shuts down", "ignore",
            "cold", "clingy", "needy", "suffocat", "space", "anxious", "avoid", "reassur", "abandon", "disconnect",
        ),
        offer=(
            "When one partner reaches for closeness and the other pulls back, each move tends to feed the other: "
            "the more one pursues, the more the other withdraws. Naming the cycle as the shared problem, rather "
            "than either person, often softens it."
        ),
        exercise=(
            "Next time you feel the urge to push for a talk, pause and name your need in one sentence "
            "(\"I'm missing feeling close to you\") instead of asking for a resolution right now."
        ),
        question="When the distance shows up, what do you find yourself doing next?",
        source="Attachment theory (anxious, avoidant, secure styles); Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="acknowledge-feelings",
        title="Acknowledging feelings without defending your intent",
        applies_when=(
            "controlling", "accus", "misunderst", "defend", "blame", "criticiz", "criticis", "hurt", "unfair",
            "argument", "argue", "fight", "fought", "misinterpret", "meant well",
        ),
        offer=(
            "Even when you didn't mean to come across a certain way, the impact on the other person is real to "
            "them. Acknowledging how they felt — before explaining what you intended — is often what reopens the "
            "conversation."
        ),
        exercise=(
            "Try one sentence that only reflects their experience, with no \"but\": \"It sounds like you felt "
            "pressured when I kept bringing it up.\" Then stop and listen."
        ),
        question="What do you imagine they felt in that moment, apart from what you intended?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024); Gottman Institute on repair attempts",
    ),
    Entry(
        id="respect-space",
        title="Respecting a need for space",
        applies_when=("space", "alone", "overwhelm", "need time", "leave me", "pressure", "pushing", "too much"),
        offer=(
            "Pressing for resolution can feel like pressure to someone who needs space to feel safe. Giving room "
            "on purpose — and saying when you'll reconnect — often lowers the tension on both sides."
        ),
        exercise=(
            "Agree on a pause with a time attached: \"Let's take a break and come back to this after dinner.\" "
            "Use the pause for something that steadies you."
        ),
        question="What would help you feel okay while they take some space?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="boundaries-to-agreements",
        title="From boundaries to agreements",
        applies_when=("boundar", "rule", "not allowed", "friends", "phone", "jealous", "trust", "agree", "promise", "deal"),
        offer=(
            "A boundary imposed on someone else can feel like control; an agreement made together honours both "
            "people's needs. Shifting from \"you can't\" to \"what could we both live with?\" keeps autonomy and "
            "connection on the same side."
        ),
        exercise=(
            "Write down the need under the rule you want (for example, \"I need to feel I matter to you\"), then "
            "suggest two or three agreements that would meet it, and ask which one works for them."
        ),
        question="What is the need underneath the boundary you've been trying to set?",
        source="Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (2024)",
    ),
    Entry(
        id="supporting-depression",
        title="Supporting a loved one with depression",
        applies_when=(
            "depress", "low mood", "sad all", "won't get out of bed", "tired all", "fatigue", "hopeless about",
            "withdrawn", "irritable", "no energy", "therapy", "diagnos",
        ),
        offer=(
            "Depression is a medical condition, not laziness. What helps most: learning about it, listening "
            "without judging or fixing, open questions, practical help done together (\"with you\"), tiny goals, "
            "and looking after yourself too, with compassionate limits."
        ),
        exercise=(
            "Offer one small \"with you\" task this week — \"Would it help if we made a meal plan together?\" — "
            "and celebrate a micro-goal like a five-minute walk."
        ),
        question="What has your loved one seemed to need most from you lately, and what do you need?",
        source="Inetta, \"How to Support a Loved One with Depression\" (2024); National Institute of Mental Health; NAMI",
    ),
    Entry(
        id="parent-teen",
        title="Parent and teen communication",
        applies_when=(
            "teen", "teenager", "son", "daughter", "kid", "child", "curfew", "grounded", "slammed", "homework",
            "my mom", "my dad", "my parents", "school",
        ),
        offer=(
            "Teens open up when they feel heard before they feel managed. For parents: acknowledge the teen's "
            "feelings first, then address the issue. For teens: say what you feel and what you need, not only "
            "what you're against."
        ),
        exercise=(
            "Try a low-pressure moment (a drive, a walk) and one open question, such as \"What's been the hardest "
            "part of this week?\" — then listen without correcting."
        ),
        question="What do you think the other person most needs to hear from you right now?",
        source="Inetta, \"How to Balance Between Your Family and Yourself\" (2024); American Academy of Pediatrics guidance on talking with teens",
    ),
    Entry(
        id="stress-regulation",
        title="Stress and emotional regulation",
        applies_when=(
            "stress", "anxious", "angry", "furious", "overwhelm", "can't calm", "snapped", "yell", "burnout",
            "exhausted", "work", "panic",
        ),
        offer=(
            "When stress runs high, the body's alarm makes every conversation harder. Calming the body first — "
            "then talking — is a skill anyone can practise."
        ),
        exercise=(
            "Before the next hard conversation, take two minutes of slow breathing (in for 4, out for 6), and name "
            "the feeling to yourself in one word."
        ),
        question="What usually tells you that you're reaching your limit?",
        source="American Psychological Association, stress management; Inetta, \"How to Balance Between Your Family and Yourself\" (2024)",
    ),
    Entry(
        id="gratitude",
        title="Small positive steps: gratitude and micro-goals",
        applies_when=("grateful", "gratitude", "better", "progress", "small step", "goal", "habit", "good day"),
        offer=(
            "Small, achievable steps and noticing what went well build momentum — for you and for the people "
            "you care about."
        ),
        exercise="Jot down one thing each day that you appreciated about someone in your family, and tell them once this week.",
        question="What is one small thing that went a little better this week?",
        source="Inetta, \"How to Support a Loved One with Depression\" (2024); research on gratitude journaling",
    ),
)


BACKFIRING = "Inetta, \"Why Every Effort to Save Your Relationship Feels Like It's Backfiring\" (M. Emken, 2024)"
DEPRESSION = "Inetta, \"How to Support a Loved One with Depression\" (2024)"
BALANCE = "Inetta, \"How to Balance Between Your Family and Yourself\" (S. Storberg, 2024)"

MORE_ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="anxious-attachment",
        title="When you need reassurance (anxious attachment)",
        applies_when=("reassur", "afraid he", "afraid she", "afraid they", "leave me", "abandon", "clingy", "needy",
                      "texted", "keep texting", "doesn't love me", "does not love me", "insecure", "jealous"),
        offer=(
            "When closeness feels uncertain, the alarm of anxious attachment pushes for a quick fix — more texts, "
            "more talks. Soothing yourself first, then asking for reassurance directly and specifically, usually "
            "gets more of the connection you want than pursuing."
        ),
        exercise="When the urge to check in again hits, wait ten minutes, breathe slowly, and write down what you need in one line before you send anything.",
        question="What would help you feel a little more secure on your own, even before they respond?",
        source=f"Levine & Heller, \"Attached\" (2010); {BACKFIRING}",
        more_exercises=("Ask for reassurance in one clear sentence — \"Could you tell me we're okay? I'm feeling unsure\" — instead of testing or guessing.",),
        more_questions=("When you feel that worry rise, what story do you tell yourself about what the distance means?",),
    ),
    Entry(
        id="avoidant-attachment",
        title="When you need space (avoidant attachment)",
        applies_when=("need space", "need my space", "suffocat", "smother", "shut down", "shut off", "walk away",
                      "leave me alone", "too much", "pressure", "don't want to talk", "overwhelm"),
        offer=(
            "Needing space is legitimate; vanishing without a word tends to feel like rejection to the other person. "
            "Taking space with a promise to return lets you recharge and keeps the connection safe for both of you."
        ),
        exercise="Say when you'll be back: \"I need an hour to clear my head — I'll come find you at eight.\" Then keep that promise.",
        question="What helps you feel ready to come back to a hard conversation?",
        source=f"Levine & Heller, \"Attached\" (2010); {BACKFIRING}",
        more_exercises=("Notice the first body signal that you're overloaded (tight chest, wanting to leave) and name it out loud before stepping away.",),
    ),
    Entry(
        id="time-out-repair",
        title="Taking a break when a fight escalates, then repairing",
        applies_when=("yell", "scream", "shout", "blew up", "explode", "lost my temper", "slammed", "said things",
                      "escalat", "fight", "fought", "argument"),
        offer=(
            "When a heart is racing, nobody listens well. A short, agreed time-out — at least 20 minutes, doing "
            "something calming, not rehearsing the argument — followed by a repair attempt (\"I got too heated, can "
            "we try again?\") stops many fights from spiralling."
        ),
        exercise="Agree on a time-out word with your partner or family in a calm moment, and what each of you will do during the break.",
        question="What usually happens in the minute before things boil over?",
        source="Gottman Institute, \"Flooding\" and repair attempts (J. Gottman, \"The Seven Principles for Making Marriage Work\", 1999)",
        more_exercises=("After the next argument, offer one repair sentence within the day: \"I'm sorry for my tone; what you said matters to me.\"",),
    ),
    Entry(
        id="soft-startup",
        title="Raising a complaint gently (I-statements)",
        applies_when=("chores", "dishes", "laundry", "never help", "always", "never", "complain", "nag", "bring it up",
                      "how do i tell", "how do i say", "money", "spend"),
        offer=(
            "How a conversation starts predicts how it ends. Describing the situation and your feeling, then asking "
            "for something specific (\"I feel swamped when the dishes pile up; could we split evenings?\") lands "
            "far better than \"you always\" or \"you never\"."
        ),
        exercise="Rewrite your complaint as: \"I feel ___ when ___, and I'd love it if ___.\" Say it once, calmly, at a good moment.",
        question="What is the specific request underneath the frustration?",
        source="Gottman Institute, \"softened start-up\"; Rosenberg, \"Nonviolent Communication\" (2003)",
    ),
    Entry(
        id="depression-learn",
        title="Supporting depression (1): learn about it",
        applies_when=("depress", "laz", "won't get out of bed", "no energy", "hopeless about", "low mood", "withdrawn"),
        offer=(
            "Depression is a medical condition, not laziness or a personal flaw. Learning how it shows up — "
            "withdrawal, irritability, fatigue — builds empathy and helps you read behaviour as symptoms, not "
            "rejection."
        ),
        exercise="Spend 30 minutes this week with a trusted source (NIMH, Mayo Clinic) or a personal account from DBSA, and note one thing that surprised you.",
        question="Which of their behaviours might look different if you saw it as part of the depression?",
        source=f"{DEPRESSION}; National Institute of Mental Health (NIMH); Depression and Bipolar Support Alliance (DBSA)",
    ),
    Entry(
        id="depression-listen",
        title="Supporting depression (2): non-judgmental listening and open questions",
        applies_when=("depress", "won't talk", "doesn't talk", "are you okay", "what to say", "listen", "burden"),
        offer=(
            "People with depression often fear being a burden. Listening without fixing, summarising what you "
            "heard, and asking open questions (\"How has your week been?\" rather than \"Are you okay?\") "
            "makes it safer to share."
        ),
        exercise="In your next talk, only reflect back — \"It sounds like work has been overwhelming and you feel stuck. Did I get that right?\" — without advice.",
        question="What happens in you when you hear them say how bad it feels — what do you usually do next?",
        source=f"{DEPRESSION}; National Alliance on Mental Illness (NAMI), guides on supportive listening",
        more_exercises=("Swap one yes/no question for an open one this week: \"What's been on your mind lately?\"",),
    ),
    Entry(
        id="depression-with-you",
        title="Supporting depression (3): practical help, \"with you\"",
        applies_when=("depress", "can't cope", "chores", "housework", "meals", "help them", "do everything"),
        offer=(
            "Depression drains energy, so everyday tasks feel huge. Offering specific help — and doing things "
            "together rather than for them — lightens the load without making them feel incapable."
        ),
        exercise="Write three small, specific things you could help with (groceries, dinner, a call) and let them pick one — or offer \"Would it help if we made a meal plan together?\"",
        question="Which daily task seems hardest for them right now?",
        source=DEPRESSION,
    ),
    Entry(
        id="micro-goals",
        title="Supporting depression (4): micro-goals and a gratitude journal",
        applies_when=("depress", "stuck", "no motivation", "small step", "goal", "grateful", "gratitude", "habit"),
        offer=(
            "Inaction feeds low mood. One tiny, achievable goal a day — a five-minute walk, a shower, breakfast — "
            "and noticing one good thing each day can slowly rebuild momentum."
        ),
        exercise="Choose one micro-goal together for tomorrow, and celebrate it when it happens, however small.",
        question="What is one small thing that felt a little better this week?",
        source=f"{DEPRESSION}; S. Ilardi, \"The Depression Cure\" (2009); Greenberger & Padesky, \"Mind Over Mood\"",
        more_exercises=("Start a two-line gratitude journal — for you, and for them if they'd like — one positive thing each day.",),
    ),
    Entry(
        id="caregiver-self-care",
        title="Supporting depression (5): your own care and compassionate limits",
        applies_when=("drained", "exhausted", "burnt out", "burnout", "resent", "caregiver", "no time for me",
                      "looking after", "can't do it all", "guilty"),
        offer=(
            "Supporting someone you love can be draining. Looking after yourself and setting kind limits isn't "
            "selfish — it keeps you able to support them over the long run."
        ),
        exercise="Block one hour of \"me\" time this week, and practise a compassionate limit: \"I want to be here for you, and I need a little time to recharge. I'll check in after dinner.\"",
        question="What refills you, and when did you last get to do it?",
        source=f"{DEPRESSION}; Mental Health America, caregiver resources",
    ),
    Entry(
        id="teen-voice",
        title="For teens: saying what you feel and need",
        applies_when=("my mom", "my dad", "my parents", "they don't get", "not fair", "grounded", "curfew",
                      "treat me like a child", "privacy", "phone", "let me"),
        offer=(
            "Frustration with parents makes sense — you want more say in your life. Explaining what you feel and "
            "what you're asking for, calmly and at a good moment, gets taken more seriously than a slammed door."
        ),
        exercise="Write it down first: \"I feel ___ when ___. What I'm asking for is ___. I could offer ___ in return.\"",
        question="What would a fair deal look like to you — and what could you offer your parents in it?",
        source=f"{BALANCE}; American Academy of Pediatrics, talking with teens",
    ),
    Entry(
        id="family-balance",
        title="Balancing family and yourself",
        applies_when=("family", "siblings", "everyone needs", "no time for me", "pulled in", "in the middle",
                      "in-law", "mother-in-law", "balance"),
        offer=(
            "Family life pulls in many directions at once. Naming your own needs alongside everyone else's — and "
            "turning recurring clashes into agreements the family makes together — protects both the family and you."
        ),
        exercise="List the three demands weighing on you most, and pick one to renegotiate this week as a shared agreement.",
        question="Where do you feel most pulled in different directions right now?",
        source=f"{BALANCE}; American Psychological Association, family stress",
    ),
    Entry(
        id="emotion-regulation",
        title="Naming and calming strong feelings",
        applies_when=("can't calm", "panic", "anxious", "anxiety", "furious", "rage", "cry", "crying", "numb",
                      "overthink", "can't sleep"),
        offer=(
            "Naming a feeling (\"I'm scared\", \"I'm hurt\") measurably calms the brain's alarm. Pairing that "
            "with slow breathing or grounding gives you a moment to choose your response."
        ),
        exercise="Try 5-4-3-2-1 grounding: name 5 things you see, 4 you hear, 3 you can touch, 2 you smell, 1 you taste.",
        question="If the feeling could speak, what would it say it needs?",
        source="American Psychological Association, emotion regulation; M. Lieberman et al., \"affect labeling\" (2007)",
        more_exercises=("Breathe in for 4 and out for 6, five times, then name the feeling in one word.",),
    ),
)

ENTRIES = ENTRIES + MORE_ENTRIES

_WORD = re.compile(r"[a-z']+")


def retrieve(text: str, limit: int = 2) -> list[Entry]:
    """The entries that best fit the member's situation (their words, plus their recurring patterns); a general
    one when nothing matches. Ties go to the entry listed first (the core entries come first)."""
    lowered = " " + " ".join(_WORD.findall(text.lower())) + " "
    scored = []
    for position, entry in enumerate(ENTRIES):
        score = sum(1 for cue in entry.applies_when if f" {cue}" in lowered)
        if score:
            scored.append((-score, position, entry))
    scored.sort()
    chosen = [entry for _, _, entry in scored[:limit]]
    return chosen or [by_id("acknowledge-feelings")]


def by_id(entry_id: str) -> Entry:
    for entry in ENTRIES:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)
