"""Layer 1 of the crisis screen: explicit, reviewed rules.

Every rule is a regular expression over the normalised text (lower case, straight apostrophes, single spaces) with
an id (recorded in the incident, never the user's words), a category, a severity tier (see ``vocab``) and a
strength:

- ``strong`` rules escalate on their own (C-SSRS statements, the LAP danger items, explicit child-safety,
  harm-to-others and medical-emergency statements);
- ``weak`` rules are cues that are often innocent ("I can't do this anymore", bare "suicide"); they make the
  learned classifier (layer 2) decide with a lower threshold.

Before matching, idioms and homonyms are masked ("this commute is killing me", "kill a Python process", "I could
murder a pizza", "dying to see", "killing it") and each match is checked against a short negation window ("I'm not
suicidal", "I would never hurt myself"). The masked text is also what the classifier sees.

Reviewing a rule: add a case to ``tests/unit/test_safety_screen.py`` for what it must catch and what it must not.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from .spelling import repair
from .vocab import ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY, SUICIDE_SELF_HARM

# --------------------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------------------

_MOJIBAKE = {
    "\u00e2\u0080\u0099": "'", "\u00e2\u0080\u0098": "'", "\u00e2\u0080\u009c": '"', "\u00e2\u0080\u009d": '"',
    "\u00e2\u0080\u00a6": "...", "\u00e2\u0080\u0094": "-", "\u00e2\u0080\u0093": "-",
    "â€™": "'", "â€˜": "'", "â€œ": '"', "â€": '"',
}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                         "\u2014": " - ", "\u2013": " - ", "\u00a0": " "})
_WS = re.compile(r"\s+")
# Sources that strip apostrophes ("i don t want to", "i m done"): put them back.
_SPLIT_NT = re.compile(r"\b(don|can|won|isn|aren|wasn|weren|didn|doesn|couldn|wouldn|shouldn|haven|hasn|hadn|ain) t\b")
_SPLIT_I = re.compile(r"\b(i|you|he|she|we|they|it|that) (m|ve|ll|d|re|s)\b")


def normalise(text: str) -> str:
    """Lower case, straight quotes, unescaped HTML entities, repaired UTF-8 mojibake, crisis words as typed repaired
    ("suicdal", "dieee", "su1cide": ``spelling``), single spaces."""
    if "\u00e2" in text or "â€" in text:
        for bad, good in _MOJIBAKE.items():
            text = text.replace(bad, good)
    if "&" in text:
        text = html.unescape(text)
    text = repair(text.translate(_QUOTES).lower())
    text = _SPLIT_NT.sub(r"\1't", text)
    text = _SPLIT_I.sub(r"\1'\2", text)
    return _WS.sub(" ", text).strip()


# Contractions typed without their apostrophe ("im scared hes going to", "theyll never find"). The rules read "he's" and
# "they'll" as one word each, and miss these spellings; ``put_apostrophes_back`` lets them read the text again. Only
# words that are no other word; "ill", "id", "hell", "shell" and "shed" only before a verb they can be nothing else in
# front of ("ill kill", not "ill for days"; "hell be home", not "the hell do you want"; "shed kill", not "the shed roof").
_NO_APOSTROPHE = {
    "im": "i'm", "ive": "i've", "hes": "he's", "shes": "she's", "theyre": "they're", "theyll": "they'll",
    "theyve": "they've", "youre": "you're", "youll": "you'll", "youve": "you've", "thats": "that's", "whats": "what's",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't", "wont": "won't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't",
    "hed": "he'd", "youd": "you'd", "theyd": "they'd",
    "ill": "i'll", "id": "i'd", "hell": "he'll", "shell": "she'll", "shed": "she'd",
}
_WORDS_OF_THEIR_OWN = ("ill", "id", "hell", "shell", "shed")
_TYPED_WITHOUT = re.compile(
    r"\b(?:" + "|".join(w for w in _NO_APOSTROPHE if w not in _WORDS_OF_THEIR_OWN)
    + r"|(?<!\bthe )(?<!\bto )(?<!\bof )(?<!\bin )(?<!\ba )(?:" + "|".join(_WORDS_OF_THEIR_OWN) + r")(?= (?:kill|hurt|do|never|"
    r"end|take|make|find|break|shoot|stab|murder|leave|tell|call|die|go|get|try|just|rather|be|have|come|put|throw|hit|"
    r"lose|report)\b))\b")


def put_apostrophes_back(norm: str) -> str:
    """A normalised text with its contractions typed without an apostrophe written with one ("im scared hell kill me"
    is "i'm scared he'll kill me"); the same text if it has none."""
    return _TYPED_WITHOUT.sub(lambda m: _NO_APOSTROPHE[m[0]], norm)


# --------------------------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------------------------

I = r"(?:i|i'm|im|i am|i've|ive|i have|i'll|i will|i'd|i would|i was)"
# Someone else as the subject between the writer and an act ("I think he choked me", "I know he held a knife to my
# throat"): the act is theirs, not the writer's (_WRITER_DID, sui.method_self, sui.means_in_position).
_ANOTHER_SUBJECT = (r"(?:he|she|they|he's|she's|they're|they've|he'd|she'd|they'd|someone|somebody|you)\b")
W = r"(?:[\w']+ )"  # one filler word
# A partner named: the words that say so on their own, and "so" (significant other) and "man" ("my man"), which say it
# only after "my" (``names_no_one_else`` reads the first alone).
_PARTNER_WORDS = (r"husband|wife|partner|boyfriend|girlfriend|bf|gf|fianc[eé]e?|spouse|hubby|ex|ex-?husband|"
                  r"ex-?wife|ex-?boyfriend|ex-?girlfriend|ex-?partner|baby ?daddy|baby ?mama")
PARTNER_NOUN = rf"(?:{_PARTNER_WORDS}|so|man|fiance)"
FAMILY_NOUN = (r"(?:son|daughter|teen|teenager|kid|brother|sister|brother-in-law|father-in-law|mother-in-law|roommate|son-in-law|"
               r"daughter-in-law|grandson|granddaughter|stepson|stepdaughter|nephew|niece|carer|caregiver)")
# Those who may abuse an older or dependent adult in the family: a grown child or grandchild, an in-law, a carer ("my son
# takes my pension", "my granddaughter won't let me leave the house").
_GROWN = r"(?:adult |grown |grown up |grown-up |eldest |oldest |youngest )?"
# An age of 60 or more, and one under 18.
_OLD_AGE = r"(?:[6-9]\d|1[01]\d)"
# A film or a nurse's patients: someone else's story (_STORY_WINDOW, _NOT_A_STORY).
_A_STORY = (r"film|movie|tv show|series|episode|novel|character|documentary|podcast|patients?|netflix|played by|"
            r"on (?:her|his|my) shift")
_CHILDS_AGE = r"(?:\d|1[0-7])"
_ELDERS_KIN = (rf"(?:my {_GROWN}(?:son|daughter|grandson|granddaughter|son-in-law|daughter-in-law|stepson|stepdaughter|nephew|"
               r"niece|carer|caregiver|care worker|lodger)s?)")
_ELDERS_KIN_GATE = rf"\bmy {_GROWN}(?:son|daughter|grand|stepson|stepdaughter|nephew|niece|carer|caregiver|care worker|lodger)"
# An older or dependent relative of the writer's ("my mum", "our grandad", "my disabled brother"), and those who may abuse
# them ("my brother", "her carer").
_ELDER = (r"(?:(?:my|our) (?:elderly |old |disabled |frail |\d\d ?(?:year|yr)[- ]old )?(?:mom|mum|dad|mother|father|grandma|grandpa|"
          r"nan|nana|gran|granny|grandad|granddad|grandmother|grandfather|aunt|uncle|disabled (?:brother|sister|son|daughter))"
          r"|(?:mom|mum|dad|grandma|grandpa|nan|nana|gran|granny|grandad|granddad))")
_ELDERS_ABUSER = (r"(?:(?:my|our) (?:older |younger |little |big |step-?)?(?:brother|sister|cousin|uncle|aunt|"
                  r"(?:brother|sister|son|daughter)[- ]in[- ]law|nephew|niece)|(?:(?:(?:my|our) )?(?:mom|mum|dad|grandma|grandpa|"
                  r"nan|gran|grandad|grandmother|grandfather)'?s|the|her|his|their) (?:carer|caregiver|care worker|home help|aide|live-in|new (?:wife|husband|partner|girlfriend|"
                  r"boyfriend)))")
# Taking someone's money, stealing from them, keeping them from their own life.
_STEALS = r"(?:steals|stole|is stealing|has been stealing|has stolen)"
_TAKES_MONEY = (rf"(?:takes|took|has taken|is taking|keeps taking|{_STEALS}|spends|spent|drained|drains|emptied|empties|"
                r"cashes|cashed)")
_WONT_LET = r"(?:won't|wont|doesn't|doesnt|will not|does not|never) (?:let|lets|allow|allows)"
# What says the one robbed depends on others (a sister who stole from dad is a family's betrayal; from dad with dementia,
# his abuse), in the same sentence.
_DEPENDENT = (r"(?=[^.!?]{0,100}?\b(?:dementia|alzheimer'?s|memory (?:loss|problems)|confused|frail|elderly|disabled|wheelchair|"
              r"bedridden|bed-bound|housebound|can't (?:walk|see|remember|get out)|care home|nursing home|carer|stroke|"
              rf"{_OLD_AGE} ?(?:(?:year|yr)s?[- ]old|yo)|in (?:his|her) [6-9]0s)\b)")
# ...or what says they are left without, or afraid, in the same sentence: "my brother has mum's bank card and she hasn't
# got money for food", "keeps taking granddad's money and shouting at him till he cries".
_LEFT_WITHOUT = (r"(?=[^.!?]{0,100}?\b(?:(?:hasn't|hasnt|has not|doesn't have|doesnt have|has no|have no|got no|never has) "
                 r"(?:got )?(?:any )?(?:money|food|cash)|no (?:money|food) (?:for|in|left)|fridge is empty|empty fridge|hungry|"
                 r"nothing to eat|can't afford (?:food|to eat)|cries|cried|crying|in tears|scared|frightened|afraid|terrified)\b)")
# An older person's money, which no one else needs: taken, it is theirs robbed whatever else the sentence says.
_PENSION = r"(?:pension|pensions|benefits|social security|life savings|retirement|retirement savings)"
# ...what holds it (held by someone else, it is theirs to give or keep back), and any of their money.
_ELDERS_ACCOUNTS = rf"(?:{_PENSION}|savings|bank card|debit card|bank account)"
_ELDERS_MONEY = rf"(?:{_ELDERS_ACCOUNTS}|money|checks?|cheques?)"
PARENT_NOUN = (r"(?:dad|mom|mum|father|mother|step[ -]?dad|step[ -]?mom|step[ -]?mum|step[ -]?father|step[ -]?mother|parents?|"
               r"(?:mom|mum|mother)'?s (?:boyfriend|husband|partner)|(?:dad|father)'?s (?:girlfriend|wife|partner)|uncle|aunt|"
               r"grandpa|grandfather|foster (?:dad|mom|mum|parent|carer))")
CHILD_NOUN = (r"(?:son|daughter|kid|kids|child|children|baby|toddler|boy|girl|stepson|stepdaughter|step-?kids?|"
              r"little one|infant|newborn|grandson|granddaughter|niece|nephew|teen|teenager|little (?:brother|sister)|"
              r"baby (?:brother|sister)|\d{1,2} ?(?:year|yr)s? old|\d{1,2} ?(?:yo|y/o)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
              r"eleven|twelve|thirteen|fourteen|fifteen)[ -](?:year|yr)[ -]old)")
# The body, hurt: "burned my hand", "hit my face" (the writer's own, in rules for what is done to them).
_BODY = (r"(?:face|head|back|mouth|ear|ears|hand|hands|arm|arms|leg|legs|neck|throat|hair|nose|eye|eyes|lip|lips|chest|"
         r"stomach|wrist|wrists|cheek|skin|finger|fingers|shoulder|ribs|body)")
# An adult at home or around a child, named ("my stepdad", "my mum's boyfriend", "my coach"; "grandpa" at the start of a
# sentence): the one who does what a child tells in their own words. Not "he" or "she": the writer's partner may be.
ADULT_AROUND_ME = (r"(?:\bmy (?:dad|mom|mum|father|mother|step[ -]?dad|step[ -]?mom|step[ -]?mum|step[ -]?father|step[ -]?mother|"
                   r"uncle|aunt|grandpa|grandad|granddad|grandfather|cousin|step[ -]?brother|older brother|coach|teacher|tutor|"
                   r"babysitter|pastor|priest|neighbou?r|foster (?:dad|mom|mum|parent|carer)|"
                   r"(?:mom|mum|dad|mother|father)'?s (?:boyfriend|girlfriend|husband|wife|partner|friend)|"
                   r"(?:grandma|gran|nan|nana|granny|grandmother|aunt|auntie)'?s (?:boyfriend|husband|partner)|"
                   r"(?:brother|sister)'?s (?:friend|boyfriend)|family friend)"
                   r"|(?:^|(?<=[.!?;,] ))(?:grandpa|grandad|granddad|uncle \w+|dad|step[ -]?dad))")
# Someone hurting the speaker: a pronoun, or "my <partner/family member>", with up to two words between.
SUBJ = rf"(?:he|she|they|he's|she's|my {PARTNER_NOUN}|my {FAMILY_NOUN}|my {PARENT_NOUN})"
SUBJ_ADULT = (rf"(?:he|she|they|he's|she's|someone|somebody|my {PARTNER_NOUN}|my {PARENT_NOUN}|[\w]+'s (?:boyfriend|girlfriend|husband|wife|"
              r"partner|dad|mom|father|mother|brother|uncle)|(?:his|her|their|the) (?:dad|mom|father|mother|step[ -]?dad|step[ -]?mom|boyfriend|"
              r"girlfriend|teacher|coach|babysitter|nanny|uncle|aunt))")
PRON_OBJ = r"(?:him|her|them)"
# The rule of a parent afraid of their own thoughts of hurting their child: its reply is for the parent (reply.py).
OWN_URGE = "chi.own_urge"
# The rule of a child hurt by a parent, in their own words ("my dad hits me"): its reply speaks to the child.
PARENT_HURTS_ME = "chi.parent_hurts_me"
# The rule of a parent who hurts their child ("I lost my temper and hit my son"): the writer is not the child.
I_HURT_A_CHILD = "chi.i_hurt_child"
# A child of the writer's, described ("my teenage son", "my 10yo", "our eldest").
_MY_CHILD = (r"(?:my|our|the) (?:(?:little|teenage|teen|young|eldest|oldest|youngest|middle|baby) )?"
             rf"{CHILD_NOUN}")
# After a child named: the child, or a part of their body ("a handprint on my son's leg"), not a thing of theirs ("i hit
# my son's ball too hard", "marks on my son's homework").
_CHILDS_BODY = (r"(?:'s? (?:(?:little|tiny|upper|lower|left|right|small) )?(?:legs?|arms?|face|back|bottom|bum|butt|backside|"
                r"behind|cheeks?|neck|skin|hands?|body|thighs?|head|ears?|mouth|lips?|nose|eyes?|jaw|teeth|throat|scalp|"
                r"hair|stomach|tummy|belly|chest|ribs?|sides?|hips?|shoulders?|wrists?|ankles?|knees?|elbows?|feet|foot|"
                r"fingers?|toes?|shins?|calf|calves)s?)?\b(?!')")
# The writer saying how old they are, not how late or how heavy: "i'm 13", "im only 12" (not "i'm 15 minutes late").
NOT_AN_AMOUNT = r"(?! ?(?:minutes|mins?|hours|hrs|days|weeks|months|kg|lbs|pounds|%|k\b))"
CHILD_AGE = rf"\b(?:i'm|im|i am) (?:only |just )?(?:[5-9]|1[0-7])\b{NOT_AN_AMOUNT}"
# ...and said of someone else: "she's 15", "he is only 16", "my 14 year old", "our 13-year-old daughter".
_A_CHILDS_AGE = (rf"\b(?:she's|shes|he's|hes|she is|he is|they're|is) (?:only |just )?{_CHILDS_AGE}\b{NOT_AN_AMOUNT}"
                 r"(?! (?:and a half )?(?:years|yrs) (?:ago|older|younger|since))"
                 rf"|\b{_CHILDS_AGE}[- ]?(?:(?:year|yr)s?[- ]?old|yo\b|y/o)")
# A child in the text: the writer's or someone's child's age, or a child of the writer's family named ("my son",
# "our teenager", "my little sister").
_A_CHILD_NAMED = (rf"(?:{CHILD_AGE}|{_A_CHILDS_AGE}|\b(?:my|our) (?:[\w-]+ )?(?:son|daughter|boy|girl|teen|teenager|kid|"
                  r"grandson|granddaughter|nephew|niece|little brother|little sister)\b)")
# Images, sexual or any, and the verbs of putting them where others see them.
_SEXUAL_IMAGES = (r"(?:nudes?|(?:naked|nude|explicit|intimate|sexual|dirty) (?:pics|pictures|photos|images|videos?|selfies|snaps)"
                  r"|(?:pics|pictures|photos|images|videos?) of (?:her|him|them|me) naked)")
_IMAGES = r"(?:pics|pictures|photos|images|videos?|snaps|selfies)"
_SHARE = r"(?:share|shares|sharing|send|sends|sending|post|posts|posting|leak|leaks|leaking|spread|upload|show|shows)"
# How long a child is left alone for it to be neglect: "for hours", "all night", "every weekend".
_ALONE_FOR = r"(?:for (?:hours|days|the night|the weekend)|all (?:day|night|weekend)|overnight|every (?:night|weekend))"
# An older adult, by age ("dad's 83", "i'm 74", "we're both 78", "my grandad (86)", "must be 80 odd", "in her 80s") or by
# the words of old age (elderly, a pension, a care home, a walking frame, dementia).
OLDER_ADULT = (r"\b(?:i'm|im|i am|he's|hes|she's|shes|he is|she is|is|turned|aged|we're|we are|(?:mum|mom|mam|dad|nan|"
               r"nana|gran|granny|grandma|grandpa|grandad|granddad|granda|mother|father)'s) (?:now |nearly |almost |about |"
               r"over |just |both )?"
               rf"{_OLD_AGE}\b{NOT_AN_AMOUNT}"
               rf"|\({_OLD_AGE}\)|\b{_OLD_AGE} ?(?:(?:year|yr)s?[- ]old|yo)\b|\b[6-9]\d odd\b"
               r"|\bin (?:his|her|their|my) (?:late |early |mid )?[6-9]0s\b"
               r"|\b(?:elderly|pensioners?|pensions?|(?:an|the|this|that) old (?:man|lady|woman)|care home|nursing home|"
               r"residential home|walking frame|zimmer|frail|dementia|alzheimer'?s)\b")
# ...or a grandparent: what the rules for an older adult's abuse told by someone else look for first.
_AN_OLDER_ADULT_NAMED = (rf"{OLDER_ADULT}|\b(?:nan|nana|gran|granny|grandma|grandpa|grandad|granddad|granda|grandmother|"
                         r"grandfather|great-aunt|great-uncle)\b")
# Someone in the writer's life, as the subject of what they said or did: "he", "she's", "my husband", "my 15 year
# old", "our oldest", "my best friend", "her boyfriend" (with a word or two between: "my teenage son").
OTHER_NOUN = (rf"(?:{PARTNER_NOUN}|{FAMILY_NOUN}|{PARENT_NOUN}|{CHILD_NOUN}|(?:best |closest )?(?:friend|mate)|bestie|roommate|"
               r"flatmate|grandma|grandmother|grandpa|grandfather|granddad|grandad|gran|nan|cousin|oldest|youngest|eldest|twin|"
               r"stepsister|stepbrother)")
OTHER = (rf"(?:he|she|they|he's|she's|they're|hes|shes|he'd|she'd|they'd|he'll|she'll|they'll|"
         rf"(?:my|our|his|her|their) (?:[\w'-]+ ){{0,2}}?{OTHER_NOUN}(?:'s)?"
         # with no "my" at the start of a sentence, as chat drops it: "Mom attempted suicide again", "husband is missing"
         rf"|(?:^|(?<=[.!?;:] )|(?<=[.!?;:])){OTHER_NOUN}(?:'s)?)")
# Where an attack on many people is threatened: "shoot up his school", "blow up the office" (the place right after the
# verb: "blow up at work" is a temper, "shot up three inches" a growth spurt, "shoot up heroin" a drug).
ATTACK_PLACE = (r"(?:(?:my|his|her|their|the|our|a|this|that) )?(?:(?:high|middle|primary|elementary|secondary|new|old) )?"
                r"(?:school|college|class|classroom|campus|uni|university|work|workplace|office|factory|warehouse|church|"
                r"mosque|synagogue|temple|mall|concert|parade|stadium)\b"
                # "bomb her class presentation", "blow up my work phone", "photo bomb the class picture"
                r"(?! (?:presentation|test|exam|quiz|interview|project|speech|assignment|essay|performance|audition|photo|"
                r"picture|pic|phone|chat|group|email|inbox|party|play|trip|dance))")
ATTACK = (r"(?:shoot up|shooting up|shot up|blow up|blowing up|bomb|"
          # "attack" only of people: "attack my work with fresh energy" is not one
          r"(?:shoot|kill|stab|hurt|attack|shooting|killing|stabbing|hurting|attacking) (?:everyone|everybody|people|them all|all of them|"
          r"as many (?:people )?as (?:he|she|they|i) can) (?:at|in))")
# A weapon, as a threat of violence names it (not "nerf gun", "glue gun", "water gun": the word before is the
# owner's or an article's).
WEAPON = (r"(?:gun|guns|pistol|handgun|rifle|shotgun|firearm|glock|revolver|ar-?15|ak-?47|knife|knives|machete|weapon|weapons|"
          r"ammo|ammunition|bullets)")
# The guns of a threat of violence (taken up to shoot someone).
GUN = r"(?:gun|guns|pistol|handgun|rifle|shotgun|firearm|glock|revolver|ar-?15|ak-?47)"
# Someone else's partner, as the one who hurts them: "my daughter's husband", "my best friend's ex", "her boyfriend".
OTHERS_PARTNER = (r"(?:(?:my|our) (?:[\w-]+ )?(?:daughter|son|sister|brother|mom|mum|mother|dad|father|friend|bestie|niece|nephew|"
                  r"cousin|aunt|grandma|granddaughter|grandson|stepdaughter|stepson|sister-in-law|brother-in-law)'s|her|his|their) "
                  r"(?:new |current |abusive |violent )?(?:husband|wife|boyfriend|girlfriend|bf|gf|partner|ex|ex-?husband|ex-?wife|"
                  r"ex-?boyfriend|ex-?girlfriend|fianc[eé]e?|spouse|baby ?daddy)")
# The cheap look before the rules that start with someone else's partner (one search for all of them).
OTHERS_PARTNER_GATE = (r"(?:\b(?:her|his|their)|'s) (?:new |current |abusive |violent )?(?:husband|wife|boyfriend|girlfriend|bf|gf|"
                       r"partner|ex|fianc|spouse|baby ?daddy)|\babused by\b")
# Up to three words between someone and what they did, but not "used to": "her ex used to hit her" is over.
NOT_USED_TO = r"(?:(?!used\b)[\w']+ ){0,3}?"
# The one they hurt, as the object: "her", "him", "my sister".
OTHER_VICTIM = (r"(?:her|him|them|my (?:daughter|son|sister|brother|mom|mum|mother|dad|father|friend|niece|nephew|cousin|aunt|"
                r"granddaughter|grandson))")
# "he'll kill himself", "she'd end her life": the subject and its verb in one word.
OTHER_WILL = r"\b(?:he'll|she'll|they'll|he'd|she'd|they'd|he's going to|she's going to|he's gonna|she's gonna)"
OTHER_FILL = r"(?:(?!(?:not|never|no|doesn't|don't|didn't|does|i|i'm|me|we)\b)[\w']+ ){0,3}?"  # "he has been", "she told me she"
OTHER_IS = r"\b(?:he's|she's|they're|hes|shes|he'd be|she'd be|they'd be)"  # "she's a burden", "he's suicidal"
THEM_SELF = r"(?:himself|herself|themselves|themself)"
# Those the writer would leave behind ("they'd be fine without me", "whether the kids would be okay without me").
_THEY_ALL = (r"(?:they|everyone|everybody|the kids|my kids|my children|the children|my family|my wife|my husband|my partner|my girls|my boys|"
             r"my son|my daughter|the family|you all|you guys)")
# The means of a suicide made ready in the writer's hands (read with _BROKEN_OFF: an attempt begun and broken off). Not
# a gun taken down to clean or sell.
_MEANS_READY = (r"(?:\b(?:pills|tablets|meds|paracetamol|painkillers)(?: [\w']+){0,2} (?:all )?(?:counted|lined up|laid out)\b"
                r"|\b(?:counted|lined|laid) (?:out|up) (?:the |my |all (?:the |my )?)?(?:pills|tablets|meds)\b)"
                # ...not the week's doses sorted into their box
                r"(?! (?:out )?(?:in|into|for) (?:the|a|my|his|her|mum's|mom's|dad's) (?:[\w-]+ )?(?:box|organi[sz]er|dispenser|case|"
                r"container|dosette|tray|blister pack|week|days?)\b)"
                r"|\b(?:a handful|the pills|the tablets|them all)(?: [\w']+){0,2} in my (?:palm|hand|hands)\b"
                r"|\bheld (?:them|the pills|the tablets|it|the gun|the rope) for (?:ages|a long time|an hour|hours|ever)\b"
                r"|\b(?:rope|noose|belt|cord)(?: [\w']+){0,4} (?:all )?(?:set up|ready|tied)\b|\btied it\b"
                r"|\b(?:sat|sitting|sit) (?:there |out there )?with (?:it|the (?:gun|rifle|shotgun|pistol|rope|pills))\b"
                r"(?![^.!?]{0,40}\b(?:to clean|cleaning|to oil|to show|to sell|hunting|for the season)\b)"
                r"|\b(?:took|had|got|taken) (?:[\w']+ ){0,3}?(?:gun|rifle|shotgun|pistol|weapon|service weapon) (?:out|down)\b"
                r"(?![^.!?]{0,40}\b(?:to clean|cleaning|to oil|to show|to sell|hunting|for the season|the range)\b)"
                r"|\bhad (?:everything|it all) (?:out|ready|set up|laid out)\b|\bwith everything ready\b"
                # ...in hand or in place: "had the knife in my hand", "had dad's rifle loaded in my lap", "the insulin pens
                # were lined up on the bed", "tied the rope to the beam", "had all the pills out on the counter"
                r"|\bhad (?:all )?(?:the|my|his|her|a|[\w-]+'s) (?:[\w'-]+ )?(?:pills|tablets|rifle|gun|shotgun|"
                r"pistol|rope|cord|belt|insulin(?: pens)?|pens)\b(?: [\w']+){0,2}? (?:in my (?:hand|hands|palm|lap)|out on|against my|"
                r"loaded|ready|lined up|tied|out\b)"
                # ...a knife only when it was for that ("had the knife in my hand in the kitchen, decided this was it"), not
                # for the pumpkin or the parcel
                r"|\bhad (?:the|my|a) (?:[\w'-]+ )?(?:knife|blade|razor)\b[^.!?]{0,40}?\b(?:decided|this was it|against my|to my "
                r"(?:wrist|throat|neck)|ready to)\b"
                r"|\b(?:pills|tablets|pens|meds) were (?:all )?(?:lined up|laid out|out on|counted out)\b"
                r"|\b(?:stood|standing) on (?:a|the) (?:chair|stool|bucket|box) with the (?:cord|rope|belt)\b"
                r"|\btied (?:the|a) (?:rope|cord|belt) (?:to|round|around|over) (?:the|a) (?:beam|banister|rafter|tree|hook|branch|rail)\b")
# Who follows and watches the writer: an ex or a partner, or "he" or "she", and up to three words ("my ex has been",
# "he was parked"), not "my mum was waiting outside my work".
_STALKER = rf"\b(?:he|she|my {PARTNER_NOUN})(?:'s|'d)?(?: [\w']+){{0,3}}? "
# What breaks such an attempt off: the means put away or undone, a step back, the way home, someone who called or came
# in ("then my son rang for a lift", "before my wife got home").
_BROKEN_OFF = (r"put (?:them|it|everything) (?:all )?back|took it (?:all )?down|untied it|flushed them|poured (?:it|them) out|"
               r"hung it back|threw them up|couldn't do it|couldn't go through with it|just couldn't\b|climbed (?:back )?down|"
               r"stepped back|turned (?:round|around|back)|walked back|drove (?:back )?home|got back in|what stopped me|"
               r"(?:before|then|when|until|and) (?:my|the|her|his|our) [\w'-]+(?: [\w'-]+)? (?:knocked(?! (?:it|them|over|down|the)\b)|came|walked in|called|texted|"
               r"rang|got home|found me|came home)|came home early|shoved it (?:under|away)|"
               # ...or someone named ("then aarav woke up crying", "when ravi rang"), a message, the sound of the family
               # coming home, or the writer's nerve
               r"(?:then|when|until|till|before) [\w'-]+ (?:woke|knocked|rang|called|texted|walked in|came (?:home|in|back))|"
               r"(?:text|message|call) came through|heard (?:the|my|his|her) [\w' -]{0,20}?(?:car|bus|key|keys|door|voice)|"
               r"hid it|got down|got out|flushed|lost my nerve|chickened out|went to (?:him|her|them) instead|stopped and|"
               r"talked me (?:back|down|round|out of it)|couldn'?t (?:go through with it|do it)|"
               r"thought about [\w' ]{1,20}?finding me")
# Where a sentence starts: the text's start, or after a stop and a space.
SENTENCE_START = r"(?:^|(?<=[.!?;] ))"


def _in_a_sentence_without(words: str) -> str:
    """The start of a sentence and the words up to what follows, in a sentence that has none of ``words`` (a reason or a
    purpose that makes it ordinary): read before what a rule looks for in the same sentence."""
    return rf"{SENTENCE_START}(?![^.!?]*\b(?:{words})\b)[^.!?]*?"


def _in_a_sentence_with(words: str, but_not: str | None = None) -> str:
    """The same, in a sentence that has one of ``words`` (a place, a means) anywhere in it, and none of ``but_not``."""
    unless = rf"(?![^.!?]*\b(?:{but_not})\b)" if but_not else ""
    return rf"{SENTENCE_START}(?=[^.!?]*\b(?:{words})\b){unless}[^.!?]*?"


# What the writer does to themself in sui.self_harm_act ("i cut myself"), and denies in _DENIED_SELF_HARM ("i'm not
# hurting myself").
_SELF_HARM_VERBS = (r"cut|cutting|cuts|burn|burned|burning|hurt|hurting|harm|harming|hit|hitting|punch|punching|scratch|"
                    r"scratching|starve|starving")
# Work and its tools: an employer's tracking of a work phone or van is no partner's stalking.
_AT_WORK = (r"company|employer|work (?:phone|van|car|laptop|vehicle)|company (?:car|phone|van)|fleet|boss|manager|supervisor|"
            r"insurer|insurance")
# A sentence that tells of a stroke's or a heart attack's aftermath (rehab, recovery, weeks or a month since): read
# before "had a stroke", which is otherwise as likely to be happening now ("a minute ago", "after dinner", "in the care
# home this morning" are now). Not in _PAST_WINDOW, which every present-only rule reads: "since" or "for weeks" tells of
# abuse that goes on, and only of an illness that it is over.
_NOT_AN_AFTERMATH = _in_a_sentence_without(
    r"since|rehab\w*|recover\w*|physio\w*|therap\w*|"
    r"last (?:year|month|week|spring|summer|autumn|fall|winter|christmas)|in (?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4})|years?|months?|weeks|can't use|cannot use|never been the same|not the same")


# A preparatory act of the writer's (read with _NOT_TO_BE_THERE in sui.preparing): belongings or a pet given away,
# papers, money, bills and passwords arranged, notes, letters and recordings made, affairs put in order.
_PREPARATORY_ACT = (r"(?:giv(?:e|es|ing)|gave|given|hand(?:ed|ing)?|rehom(?:e|ed|ing)|re-homed) (?:away |out )?(?:all |most |some |half |"
                    r"the last )?(?:of )?(?:my|the) (?:[\w'-]+ ){0,3}?(?:stuff|things|belongings|possessions|clothes|books|records|plants|"
                    r"gear|tools|games|xbox|playstation|guitar|jewell?ery|ring|watch|bike|dog|cat|pets?|room|savings|money|rods|"
                    r"headphones|collection)"
                    # ...or anything of theirs given to someone: "gave my gaming pc and all my hoodies to jayden"
                    r"|(?:giv(?:e|es|ing)|gave|given|hand(?:ed|ing)?) (?:all )?(?:of )?my (?:[\w'-]+ ){1,4}?(?:to|away)\b"
                    r"|(?:wrote|written|writing|updated|updating|sorted|sorting|made|making|redid|changed|set up|setting up|arranged|"
                    r"arranging|organi[sz]ed|drafted|drafting|recorded|recording|labell?ed|labell?ing|put|putting|left|leaving|paid off|"
                    r"paying off|moved|moving|deleted|deleting|transferred) (?:out |up |down |off )?(?:all )?(?:the |my |a |some |each |"
                    r"every |those )?(?:[\w'-]+ ){0,5}?(?:will|life insurance|insurance|pension|beneficiary|passwords?|bills|payments|"
                    r"direct debits|funeral|notes?|letters?|messages?|voice (?:messages|notes|memos)|videos?|instructions|albums|"
                    r"recipes|savings|debts?|credit card|socials|accounts?)"
                    r"|(?:getting|got|get|putting|put) (?:my |all my )?affairs in order"
                    r"|(?:cancell?ed|cancell?ing|closed|closing) (?:my |the )?(?:[\w'-]+ ){0,2}?(?:contract|credit card|account|"
                    r"subscriptions?|membership|phone)"
                    r"|(?:emailed|sent|left) (?:[\w']+ ){0,3}?(?:handover notes|login details|passwords?|the keys)"
                    r"|(?:set up|setting up) (?:the )?(?:standing orders|direct debits|automatic payments)"
                    r"|(?:put|putting|signed|signing) (?:the (?:farm|house|business|shop)|everything) (?:in|over to) [\w']+(?:'s)? name"
                    r"|said (?:my )?goodbyes|rang each of|told (?:them|him|her|each of them) i loved")
# What says the writer means not to be there, said beside a preparatory act: "told him i wouldn't be needing it", "she
# doesn't know the real reason", "they think i'm just decluttering", "even when i'm not here to do it".
# ("for when i'm gone" is not enough: it is what a will written calmly says too.)
_NOT_TO_BE_THERE = (r"\bi (?:won't|wont|will not|wouldn't|would not) be (?:here|around|needing (?:it|them|any of (?:it|them)))\b"
                    # (not "...since my arthritis got bad", "...now the doctor's banned me", "...once the company car arrives")
                    r"(?!,? (?:now|since|because|cos|coz|as|once|after|when|until|till|for|at|in|on|while|during|this|next|anymore|"
                    r"any ?more|much|till|unless)\b)"
                    r"|\b(?:someone|somebody|a (?:man|woman|person)) who (?:won't|wont|will not) be (?:here|around)\b"
                    r"|\b(?:when|where) i'?m going\b(?! (?:to|on|for|away|abroad|back|out|with|next|this|tomorrow)\b)"
                    r"|\bnot back anywhere\b|\bor ever\b(?=\s*(?:$|[.,!?;]))"
                    r"|\bby then it'?ll be (?:done|over)\b|\b(?:they|she|he|you) (?:just )?didn't know (?:that's|that was|it was) what it was\b"
                    r"|\beven when i'?m not (?:here|around)\b|\bbefore i go\b(?=\s*(?:$|[.,!?;]))|\bwhen it'?s time\b"
                    r"|\bsaid i'?d not be back\b|\bwon't be needing (?:it|them)(?= where\b|\s*(?:$|[.!?;]))"
                    r"|(?:doesn't|don't|dont|didn't|does not) know the real reason"
                    r"|(?:thinks?|thought) i'?m (?:just )?(?:decluttering|downsizing|having a clear[- ]?out|being generous|being nice)"
                    r"|telling (?:them|him|her|everyone|people|the neighbou?rs) i'?m (?:just )?(?:decluttering|downsizing|having a clear[- ]?out)"
                    r"|told (?:him|her|them) it was (?:just )?in case|so (?:nobody|no one) (?:inherits|has to|gets stuck with)"
                    r"|then i'?m done(?=\s*(?:$|[.,!?;]))|where my head is|(?:i'?m|i am) (?:only \d+ and )?not (?:sick|ill|dying)\b")
# The words every one of those needs, as a cheap look first (literal pieces, which the regular expression engine scans
# for fast: no "\b" before them).
_NOT_TO_BE_THERE_WORDS = (r"needing|be here|be around|'m going|im going|back anywhere|or ever|s time|ll be done|ll be over|what it was|"
                          r"real reason|decluttering|downsizing|clear-out|clear out|clearout|generous|being nice|in case|inherit|"
                          r"has to|stuck with|m done|head is|not sick|not ill|not dying|not here|not around|before i go|not be back")
# An ordinary reason for putting affairs in order, said in the same sentence: an age, an illness, an operation, a trip
# or a posting, a baby, a move, an allergy.
_AN_ORDINARY_REASON = (rf"at my age|(?:i'?m|i am) {_OLD_AGE}|in my (?:[6-9]0)s|{_OLD_AGE}[- ](?:years?|yrs?)[- ]old|"
                       r"retir\w*|diagnos\w*|terminal|cancer|hospice|chemo|surgery|operation|deploy\w*|posted|posting|flight|flying|"
                       r"(?:on|for|before|during) (?:the|our|my|a|this) (?:[\w-]+ )?(?:trip|holiday|vacation|tour)|travel\w*|"
                       r"in case (?:anything|something) (?:happens|happened|goes wrong)|baby|pregnan\w*|newborn|born|mortgage|"
                       r"moving (?:house|out|abroad|to)|the move|moved (?:house|out|abroad|to|into)|allerg\w*|divorce|separation|"
                       r"maternity|paternity|uni|university|college|new job|leaving do|emigrat\w*|relocat\w*|promotion")
_FOR_NO_ORDINARY_REASON = _in_a_sentence_without(_AN_ORDINARY_REASON)
# ...and no fear or hiding ("i'm scared of what happens when he finds me" is someone the writer hides from).
_NOT_IN_FEAR = _in_a_sentence_without(r"scared|afraid|terrified|frightened|hid\w*|hide|run|ran|escape\w*|what (?:he|she|they)'ll")
# A sentence with no ordinary reason of someone else's, their age or their health among them ("dad has been putting
# his affairs in order since he turned 80", "mum talks about being a burden since her hip operation").
_FOR_NO_ORDINARY_REASON_OF_THEIRS = _in_a_sentence_without(
    rf"{_AN_ORDINARY_REASON}|{OLDER_ADULT}|[6-9]\d(?:th)? birthday|old age|hip|knee|stroke|illness|fall|fell|heart attack|health")
# A sentence with no leaving in it that a goodbye is for ("...before we moved to spain", "off to bali").
_NOT_BEFORE_A_LEAVING = _in_a_sentence_without(r"mov\w*|emigrat\w*|relocat\w*|travel\w*|trip|holiday|vacation|off to|flight|"
                                              r"leaving do|new job|last day|graduat\w*|deploy\w*|posting")
# A sentence with no exam, test or sport that a second try is at ("i'll attempt again tomorrow, the exam was brutal").
_NO_SECOND_TRY = _in_a_sentence_without(r"exams?|tests?|driving|recipe|climb\w*|marathon|level|boss|quiz|course|interview|"
                                        r"record|jump|lift|pb|game|match|puzzle|crossword|cake|bread|paper|essay|assignment|"
                                        r"ivf|pregnan\w*|baby|loan|application|apply|licen[cs]e|audition|tryouts?")
# A sentence at a height or by the water: read before "picturing going over", "imagining dropping".
_A_DROP = (r"bridge|balcony|cliff|clifftop|roof|edge|ledge|platform|river|sea|water|harbour|jetty|pier|weir|canal|lake|reservoir|"
           r"car park|lines|tracks|crossing|\w+ floor|quarry|gorge|dam|overpass|viaduct")
_BY_A_DROP = _in_a_sentence_with(_A_DROP)
# ...where a jump is a swim or a dive.
_A_SWIM = r"swim\w*|div\w*|paddl\w*|bungee|zip ?lin\w*|trampoline|pool|wetsuit"
# The writer's own act, said with "i" or starting the sentence without it ("took a bottle of paracetamol an hour ago",
# "have swallowed the lot").
_MY_OWN_ACT = rf"(?:\b{I} |{SENTENCE_START}(?:have |just |already )?)(?:just |already )?"
# The start of a sentence that gives no reason to be away (a trip, a shift, a holiday at the in-laws', a move, a new
# job, a stay abroad): read before "i won't be around for it", "i won't see my 18th", "my last christmas with you all".
_NO_REASON_TO_BE_AWAY = _in_a_sentence_without(
    r"because|cos|coz|cause|since|we're|we'll|we are|away|working|work|shift|trip|holiday|vacation|travel\w*|flying|abroad|"
    r"overseas|visiting|staying|moving|move|emigrat\w*|retir\w*|job|at (?:my|the|our|his|her) \w+'?s?|"
    r"in (?:[a-z]+ )?(?:spain|france|italy|scotland|wales|ireland|london|new york|florida|the states|the uk|canada|australia)")
# The start of a sentence that is no view, photo, chore or ride (read before "stood at the edge ... until a guard came").
_NOT_FOR_A_VIEW_OR_A_CHORE = _in_a_sentence_without(
    r"photos?|pictures?|pics?|shot|selfie|sunset|view|gutters?|tiles?|fix\w*|clean\w*|repair\w*|paint\w*|aerial|dish|lights|"
    r"fishing|ladder|drone|birds|fireworks|wind|waves|dinner|tea|lunch|chips|coffee|ice cream|bungee|zip ?line|high dive|"
    r"diving board|abseil\w*|skydiv\w*|rollercoaster|ride")
# ...no drilling, no surprise (read before "so nobody's home when i do it").
_NOT_A_CHORE_OR_A_SURPRISE = _in_a_sentence_without(
    r"drill\w*|paint\w*|wrap\w*|surprise\w*|balloons?|clean\w*|hoover\w*|decorat\w*|fix\w*|cook\w*|bak\w*|practi[cs]\w*|nois\w*|"
    r"mess|presents?|party|cake")
# ...and one that names a means (read before "...is all i think about").
_WITH_A_MEANS = _in_a_sentence_with(r"pills|tablets|paracetamol|meds|gun|rifle|rope|knife|blade|insulin")
# Where an attempt is made and broken off, and the writer's act there (read with _WHAT_ENDED_IT in
# sui.stopped_at_the_edge): stood at the edge, sat on the railing, waited on the platform, walked into the water.
_AT_THE_EDGE = (r"(?:stood|standing|sat|sitting|waited|waiting|leaned|leaning|climbed|got (?:up )?(?:on|onto|over)|was (?:up )?on|"
                r"walked (?:out )?onto|went (?:out )?onto|"
                r"made it (?:all the way )?to|pulled over on|parked (?:up )?(?:on|at|by)) (?:up |out |over )?(?:on |at |onto |to |over |"
                r"by |on top of |up to )?(?:the )?(?:(?:edge|railing|ledge|side|top) of )?(?:a |the |my |our |that )?(?:[\w'-]+ ){0,3}?"
                r"(?:bridge|roof|rooftop|balcony(?: railing)?|railing|ledge|cliff(?: edge)?|edge|overpass|train tracks|tracks|"
                r"platform|level crossing|crossing|quarry|parking garage|car park|pier)\b")
# What ended it there: climbed down, stepped back, someone who came by, "the only thing that got me down", "i don't
# know why i got back in". Not a walk turned back, which is no sign.
_WHAT_ENDED_IT = (r"climbed (?:back )?(?:down|off|over)|stepped (?:back|off)|got back in|what stopped me|lost my nerve|chickened out|"
                  r"talked me (?:back|down|round|out of it)|the only (?:thing|reason|one)(?: that)? "
                  r"(?:stopped me|kept me|got me (?:down|off|back|home)|brought me (?:back|home|down)|i came (?:home|back|down|inside)|"
                  r"i got (?:down|off|back))|until (?:security|someone|somebody|the police)\b|"
                  r"(?:until|till|when|then) (?:a|an|the|some|[\w]+'s) (?:[\w-]+ ){0,2}?(?:guard|man|woman|stranger|neighbou?r|jogger|walker|"
                  r"cop|officer|police|driver|cyclist|couple|lady|bloke|guy|ranger|cleaner|nurse|car|ute|taxi|boat) (?:came|walked|stopped|"
                  r"pulled|turned|showed|called|asked|shouted|found|drove)\b|stepped back (?:when|as|before)|let (?:[\w-]+ )?trains? go (?:by|past)|"
                  r"counted to (?:ten|\d+)|(?:don't|dont|do not) know why i (?:got back|came back|didn't|went home|stepped back|climbed down|"
                  r"turned)|before i (?:turned|walked|went|came|drove) (?:round|around|back|home)|but i didn't(?=\s*(?:$|[.,!?;]))")
# Those for whom life would be easier without the writer ("it'd be kinder for everyone if i just stopped"): those left
# behind, as objects.
_BENEFICIARY = rf"(?:them|all of them|everyone else|my parents|my mom|my mum|my dad|{_THEY_ALL})"
# What a threat of suicide made to control the writer says it will do ("kill himself", "take all her pills").
SUICIDE_THREAT = (r"(?:kill (?:himself|herself|themselves)|end (?:his|her|their) (?:own )?life|end it all|(?:commit )?suicide|"
                  r"take (?:his|her|their) (?:own )?life|(?:hurt|cut|harm) (?:himself|herself|themselves)|overdose|"
                  r"take all (?:his|her|their) (?:pills|meds|tablets))")
THEIR_LIFE = r"(?:his|her|their) (?:own )?life"
# Someone's words that they will kill ("he said he'd kill", "she keeps saying she's going to shoot"), before whom.
_SAYING = r"(?:said|says|told me|swore|swears|screamed|yelled|texted|promised|keeps saying)"
_SAYS_THEY_WILL_KILL = (rf"{_SAYING}(?: that)? (?:he|she|they)(?:'d| would| will|'ll| is going to| was going to| was gonna| "
                        r"is gonna|'s gonna|'s going to| could| wants to) (?:\w+ )?(?:kill|murder|shoot|stab|end)")
# Those whose threat against the writer for telling ("my sister said if i tell mom she'll kill me") or against a third
# person ("my brother just said he's going to kill my stepdad") is not the writer's abuse: a son, a daughter, a sibling,
# a friend (``Rule.not_said_by``: named in the clause before the words that say it).
_KIN = (r"(?:(?:little |big |older |younger |best |twin |step ?)?(?:son|daughter|brother|sister|kid|teen|friend|cousin|nephew|"
        r"stepson|grandson|bro|sis|bestie))")
# ...nor, against a third person, a parent's partner ("my mom's boyfriend said he'd kill my dad"): harm to others.
_PARENTS_PARTNER = r"(?:(?:mom|mum|dad)'s (?:new )?(?:husband|wife|boyfriend|girlfriend|partner))"
_THREATENED = rf"(?:{_SAYING}|tells me|threatened|threatens|warned me|warns me|keeps telling me)"
# Someone's threat to keep the writer from telling those who would help what they do, up to what they will do: "she
# said if i ever tell a teacher about the bruises she'll", "he told me that if i told anyone he would". Told to someone
# in the family, only what they do ("if i tell my mom what he does he'll"): "if i tell my sister about the puppy
# she'll kill me" is a surprise kept.
_IF_I_TELL = (rf"{_THREATENED}(?: me)?(?: that)? if i (?:ever )?(?:tell|told|say anything to|talk to|go to|went to|call|called|"
              r"report (?:him|her|it|this|them) to) (?:(?:anyone|anybody|someone|somebody|any ?one|the (?:police|cops|school|"
              r"teachers?|counsel?lor|nurse)|a (?:teacher|counsel?lor|nurse|social worker|doctor|friend)|my (?:teacher|teachers|"
              r"counsel?lor|social worker|doctor|friends?)|cps|social services|child services)\b(?: [\w']+){0,8}?"
              r"|my (?:mom|mum|dad|mother|father|sister|brother|grandma|nan|aunt)(?: (?:anything|what happen\w*|what (?:he|she|they) "
              r"(?:does|did|do|said)(?: to me)?|about (?:it|this|that|him|her|us|what (?:he|she|they) (?:does|did|do)|what happen\w*)))?),? ")
_IF_I_TELL_GATE = r"\bif i (?:ever )?(?:tell|told|say|talk|go|went|call|called|report)\b"
_THEY_WILL = r"(?:he|she|they)(?:'d|'ll| will| would| is going to| is gonna|'s going to|'s gonna| was going to| was gonna)"
# Whom a threat that keeps the writer from telling is against: the writer, or those they would protect.
_ME_OR_MINE = r"(?:me|us|my|our|the kids|the children|the baby|him|her|them)\b"
# What makes a threat to kill someone earnest, not words in anger: a weapon, a time, "for real", or steps taken (knowing
# where they live, driving past, looking up doses).
EARNEST = (rf"{WEAPON}|loaded|tonight|tomorrow|for real|not joking|isn't joking|wasn't joking|wasn't kidding|"
           r"(?:wasn't|isn't|was not|is not|not|didn't|doesn't) (?:even )?(?:laughing|laugh|smiling|smile)|serious|means it|meant it|"
           r"knows where (?:he|she|they|dad|mom|mum) (?:lives?|works?)|driv(?:es|ing|en) (?:by|past)|looked up|searched|doses?")
# What makes a threat of suicide a means of control: a condition on the writer ("if I leave", "unless you come back").
ON_CONDITION = r"(?:if|unless|when|whenever|every time|each time|the day|the moment) (?:i|we|you)\b"
# How the writer reports what someone else said: "he said", "she texted me", "he keeps telling me".
QUOTING = (r"(?:said|says|saying|told me|tells me|texted|texts|texting|wrote|writes|messaged|posted|screamed|yelled|"
           r"whispered|sobbed|cried|keeps saying|kept saying|keeps telling me|kept telling me|threatened|threatens|"
           r"swore|swears)")
# Someone's threat of suicide, quoted in their own words with a condition on the writer ("he said "if you leave me
# I'll kill myself"", "she texts me I'll end it all unless you come back"): a means of control, so abuse, not a
# disclosure of their risk or the writer's. The quotation marks are optional, as chat drops them; the "you" says it
# is the other's words to the writer.
_ON_YOU = r"(?:if|unless|when|whenever|every time|each time|the day|the moment) you\b"
_FIRST_PERSON_THREAT = (r"(?:i'll|i will|i'm going to|im going to|i'm gonna|im gonna|ill|i swear i'll|i'd|i would)"
                        r"(?: just| really| fucking| honestly)? (?:kill myself|end my (?:own )?life|end it all|"
                        r"take my (?:own )?life|commit suicide|(?:hurt|cut|harm) myself|overdose|"
                        r"take all my (?:pills|meds|tablets))")
QUOTED_SUICIDE_THREAT = (rf"\b{OTHER} (?:[\w']+ ){{0,3}}?{QUOTING}(?: to me| me| us| to us)?(?: that)?[,:]? ?\"?"
                         rf"(?:[^\".!?]{{0,60}}? )?(?:{_ON_YOU}[^\".!?]{{0,60}}? {_FIRST_PERSON_THREAT}"
                         rf"|{_FIRST_PERSON_THREAT}(?: [\w']+){{0,4}},? {_ON_YOU})")
# ...or told by the writer with the condition first: "whenever i pack a bag my wife says she'll kill herself": abuse
# (abu.threats), and the suicide rules do not read it as her risk (``match``). Not when the condition is the writer's
# own crisis ("when i told my mum i want to kill myself she said she'd kill herself too"): the suicide rules read that.
CONDITIONED_SUICIDE_THREAT = (
    r"\b(?:if|unless|whenever|every time|each time|when) i (?:ever )?"
    r"(?:(?!(?:kill|killing|die|dying|dead|suicid\w*|myself|end|ending|overdose|cut|cutting|hurt|hurting)\b)[\w']+,? ){1,8}?"
    rf"(?:he|she|they|my {PARTNER_NOUN}) "
    r"(?:[\w']+ ){0,2}?(?:threatens|threatened|says|said|swears|texts|screams) (?:that )?(?:to |he'll |she'll |they'll |he'd |"
    rf"she'd |he will |she will |he's going to |she's going to )?{SUICIDE_THREAT}")
# A figure of speech or a threat to control the writer, after "kill himself": "laughing", "at work", "on that bike",
# "if I leave".
NOT_FIGURATIVE = (r"(?! (?:laughing|at work|at the gym|with work|working|over|trying|doing|for (?:us|nothing|the family)|"
                  r"on (?:that|this|the|his|her)|one day|at this rate)\b)"
                  rf"(?!(?: [\w']+){{0,4}} {ON_CONDITION})")
# How someone will take the news: "afraid of her reaction" is a fear of an outcome, not of the person. One list for
# the fear rules' guards and the idiom that hides it from the learned layers.
REACTION_NOUN = r"(?:reaction|response|answer|opinion|judgement|judgment)"
PERSON_OBJ = rf"(?:{PRON_OBJ}|my {PARTNER_NOUN}|my {FAMILY_NOUN}|my {PARENT_NOUN}|someone|somebody|people|everyone)"
SELF = r"(?:myself|my self|my own self)"
NOT = r"(?:not|never|no|don't|dont|do not|didn't|didnt|won't|wont|wouldn't|wouldnt|isn't|aren't|wasn't|hasn't|hasnt|haven't|havent|hadn't|nor|no longer)"
# Up to two words between a subject and its verb ("he has hit me", "my dad once hit me"), never a denial: "he never
# hit me" is not a disclosure.
FILL = rf"(?:{NOT} (?:stop|stopped|stops|quit|quits) |(?!{NOT}\b)\w+ )?"  # "he never stopped hitting me" is no denial
HIT = (r"(?:hit|hits|hitting|punch|punched|punches|punching|slap|slapped|slaps|slapping|kick|kicked|kicks|kicking|"
       r"beat|beats|beating|beaten|shove|shoved|shoves|push|pushed|pushes|threw|throws|"
       r"smack|smacked|smacks|bit|bites|burn|burned|burnt|burns|physically hurt|physically hurts|attack|attacked|attacks|"
       r"strike|struck|strikes|backhanded|headbutted|elbowed)")
# An eating disorder, named or done (med.eating_disorder), and the signs of a body giving way under it.
_ED = (r"anorexi\w*|bulimi\w*|eating disorder|(?:making|makes|made) (?:herself|himself|themselves|myself) (?:throw up|sick|vomit)|"
       r"(?:throwing|throws|threw) up (?:after|every|all) (?:\w+ )?(?:meals?|she eats|he eats|they eat|i eat)|"
       r"(?:is|been|keeps|started|caught (?:her|him)) purging\b|"
       r"starv(?:e|es|ed|ing) (?:herself|himself|themselves|myself)|stopped eating\b|(?:won't|wont|refuses to|refusing to) eat(?: anything| at all)?(?: (?:in|for) (?:days|a week|weeks|\d+ days)| at all)|"
       r"(?:hasn't|has not|hasnt|haven't|havent|hardly) eaten (?:anything )?(?:in|for) (?:days|a week|weeks|\d+ days)|"
       r"(?:says|thinks|keeps saying) (?:she's|she is|he's|he is|i'm|i am) (?:too )?fat|weighs? (?:only )?\d+ ?(?:lbs|pounds|kg|kilos)")
# Not one that is over: "I used to have anorexia", "she recovered from bulimia".
_ED_OVER = r"(?<!used to have )(?<!recovered from )(?<!history of )(?<!used to be )(?<!survived )"
_ED_DANGER = (r"faint(?:s|ed|ing)?\b|pass(?:es|ed|ing)? out|collaps\w*|blacked out|heart ?(?:rate|beat) (?:is |was |of |at )?"
              r"(?:\d\d\b|low|slow|weird|irregular|all over)|(?:slow|low|irregular|uneven) (?:heart ?(?:rate|beat)|pulse)|pulse (?:is |was |of )?"
              r"(?:\d\d\b|low|slow)|heart (?:is )?(?:racing|skipping|fluttering|pounding)|chest (?:pain|pains|hurts)|"
              r"(?:vomit\w*|throwing up|throws up|threw up) blood|blood in (?:her|his|my) (?:vomit|sick)|"
              r"too weak to (?:stand|walk|get up)|can't (?:stand|walk) (?:up )?without|hair (?:is )?falling out in")


_compiled: dict[str, re.Pattern[str]] = {}
_gates: dict[str, re.Pattern[str]] = {}  # by the gate's own source, which several rules may share


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str | None
    source: str
    strong: bool = True
    negatable: bool = False
    # Only what is happening now: a statement told as a story that is over ("back in May he had chest pains",
    # "two years ago she overdosed"), or someone else's (a film, a patient on a nurse's shift), does not match.
    present_only: bool = False
    # Only the writer's own: a statement whose subject is someone else ("my sister left an abusive marriage", "she
    # told me she escaped an abusive relationship") does not match. Someone else's abuse is not screened in when it
    # is happening ("my friend is in an abusive relationship"), so it is not when it is over either.
    writers_own: bool = False
    # Said of someone else in the writer's life, who is the one at risk ("my son told me he wants to die"): the
    # screen says so (``ScreenResult.someone_else``) and the reply is for the one who worries about them.
    someone_else: bool = False
    # Done to the writer: the same act told by the one who did it ("I grabbed her by the throat", "I choked him") is
    # not the writer's abuse but harm they did to someone (har.behaviour), and does not match.
    done_to_writer: bool = False
    # Often a joke when it comes with "lol", "haha", an emoji ("he said he'd kill me if I spoiled the finale haha"): with
    # a laugh marker in a short message it only counts as a weak cue (``rule_layer``).
    laughed_off: bool = False
    # A cheap look first: a rule whose pattern starts with a common word or a long alternation tried at every position
    # (``OTHER``, "my", "the") runs only on a text that has one of the words its every match needs. Rules with the
    # same gate share one search per text (match()). A tuple of gates: every one must let the text through.
    gate: str | tuple[str, ...] | None = None
    # Someone's words, not the writer's abuse when those who said them are these ("my brother just said he'll kill my
    # stepdad"): a pattern for who is named ("my <who>") in the clause before the match, which starts at the words that
    # say it (``_said_by``).
    not_said_by: str | None = None
    # An older person's abuse, by family or a carer: the reply gives the line for it (``ScreenResult.older_adult``).
    older_adult: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiled on first use (all rules take ~0.4 s to compile): importing the module stays cheap.
        p = _compiled.get(self.id)
        if p is None:
            p = _compiled[self.id] = re.compile(self.source)
        return p

    def may_match(self, text: str, seen: dict[str, bool]) -> bool:
        """Whether the gate lets ``text`` through; ``seen`` keeps each gate's answer for this text."""
        for gate in (self.gate,) if isinstance(self.gate, str) else self.gate or ():
            if gate not in seen:
                g = _gates.get(gate)
                if g is None:
                    g = _gates[gate] = re.compile(gate)
                seen[gate] = g.search(text) is not None
            if not seen[gate]:
                return False
        return True


def _r(id_: str, category: str, severity: str | None, pattern: str, strong: bool = True,
       negatable: bool = False, present_only: bool = False, writers_own: bool = False,
       someone_else: bool = False, done_to_writer: bool = False, laughed_off: bool = False,
       gate: str | tuple[str, ...] | None = None, not_said_by: str | None = None, older_adult: bool = False) -> Rule:
    return Rule(id_, category, severity, pattern, strong, negatable, present_only, writers_own, someone_else,
                done_to_writer, laughed_off, gate, not_said_by, older_adult)


S, A, C, H, M = SUICIDE_SELF_HARM, ABUSE, CHILD_SAFETY, HARM_TO_OTHERS, MEDICAL_EMERGENCY
# A parent's fear of what they might do, up to the one it is done to (chi.own_urge): "i'm scared i'll hurt", "terrified
# i might shake".
_AFRAID = r"(?:afraid|scared|worried|terrified|frightened)"
# ...and what nearly happened ("i came close to shaking", "i nearly shook").
_NEARLY = (r"i (?:nearly|almost|came close to|came so close to|was so close to|was close to) (?:shook|shake|shaking|threw|throw|"
           r"throwing|smothered|smother|smothering)")
# ...but not in play or in a figure of speech ("throw my son a party", "threw the baby in the pool and he loved it").
_NOT_IN_PLAY = (r"(?! (?:feelings|pride|chances|a party|a birthday|a ball|up|in the (?:pool|air|bath|water|sea)|"
                r"into the (?:pool|air|water|sea))\b)")
# A sentence that is no film's, book's or show's ("we read the suicide note in the novel").
_NOT_A_STORY = _in_a_sentence_without(rf"{_A_STORY}|book|show|play|class|lesson|history|homework")
_FEAR_OF_HURTING = (rf"{_AFRAID} (?:that )?(?:i|i'm|i'll|i might|i will|i'm going to) "
                    r"(?:\w+ )?(?:hurt|shake|harm|snap and hurt|smother|drown)")

# What follows a push or a bite that is no blow (abu.physical): a push into water in play, with laughter or a party in
# the sentence ("she pushed me into the pool at the party and we all laughed"; not "he pushed me into the pool and held
# me under"), a push back from a danger ("he pushed me back from the edge of the platform"), a teething baby's bite.
_NOT_IN_PLAY_OR_TO_SAVE = (
    r"(?! into (?:the |a )?(?:pool|water|lake|sea|river|snow|leaves|puddle)\b(?=[^.!?]*\b(?:laugh\w*|jok\w*|prank\w*|for fun|"
    r"messing|mucking|party|lol|haha)\b)(?![^.!?]*\b(?:held me under|hold me under|under the water|couldn't breathe)\b))"
    r"(?! (?:back )?(?:from|away from) (?:the )?(?:edge|road|kerb|curb|platform|tracks|cliff|traffic|fire|stove|cooker|car|bus|train)\b)"
    r"(?! out of the (?:way|road|path)\b)"
    # (after "bit me" or "bites me": "tes me" is only ever the end of "bites me" here, as the lookbehind must be fixed)
    # (teething or at nursery; not any bite with a baby or a dog in the sentence: "he bit me while I held the baby")
    r"(?!(?<=bit me|tes me)[^.!?]*\b(?:teeth\w*|nursery|daycare|puppy)\b)"
)


# A weapon in someone's hands (abu.weapon): what it is, how it is handled, and when held or put it is a threat.
_WEAPON_NAME = r"(?:gun|knife|knives|pistol|rifle|shotgun|handgun|blade|machete|weapon|bat|hammer|axe)"
_A_WEAPON = (rf"(?:a |an |his |her |the |their )?(?:loaded |hunting |kitchen |big |huge |old |service |dad's |own )?"
             rf"{_WEAPON_NAME}\b")
_WEAPON_HANDLED = r"(?:held|holding|holds|put|puts|putting|swung|swings|swinging|grabbed|grabs|picked up|picks up)"
# ...not at a thing ("swung a big hammer at the shed door") nor drawn to cut something ("pulled a knife out of the
# drawer to cut the birthday cake"; "to cut my throat" is no cake).
_NOT_AT_A_THING = r"(?! (?:at|into|on|to) (?:the|a) (?:shed|door|wall|nail|fence|post|target|tree|log|ball|wood|pinata|piñata))"
_NOT_TO_CUT = (r"(?![^.!?]{0,40}?\b(?:to|and|so (?:he|she|they) could) (?:cut|slice|carve|chop|peel|open|spread|butter) "
               r"(?:the|a|an|some|up|open|it|them|his|her|our)\b(?! (?:throat|wrists?|face|neck|arms?|tyres|tires)\b))")
_AIMED_AT_SOMEONE = (r"(?:\b(?:at|to|against|towards?|on|over) (?:me|us|him|her|them)\b(?! (?:way|cake|bread|meat)\b)"
                     r"|\b(?:to|against|at|in|into) (?:my|our|his|her|their) (?:head|throat|neck|face|chest|stomach|back|side|"
                     r"ribs|temple|eyes?)\b|\b(?:around|about)(?= *(?:$|[.,!?;]|and\b|at\b|in (?:the|a) (?:kitchen|room|house))))")
_IN_A_RAGE = (r"\b(?:scream\w*|yell\w*|shout\w*|threat\w*|swear\w*|swore|rage|raging|drunk|angry|furious|livid|stared at me|"
              r"staring at me|glar\w*|(?:kill|hurt) (?:me|us|you|him|her|them|myself)|scared|terrified|afraid|frightened|argu\w*|"
              r"fight|fighting|fought|a row|rowing|rowed|(?:said|says|told me|warned me) (?:he|she|they)(?:'d|'ll| would| will)|"
              r"use it (?:on|against) (?:me|us|him|her|them)|in front of me|won't let me)\b")


# A child's thing after the child's name, which is what was shaken or hit (chi.adult_hurts_child): "I shook the baby's
# rattle to make her laugh" (not "he hit my son's face").
_NOT_A_CHILD_S_THING = (r"(?!'s (?:toys?|rattle|bottle|car|bike|phone|ball|blanket|cot|crib|pram|buggy|stroller|door|bag|tablet|"
                        r"ipad|xbox|game|room|bed|chair|high ?chair|swing|bouncer|mobile)\b)")
# A word before a weapon's name that makes it a toy or a tool: "chased me round the garden with a water gun", "came at
# me with the glue gun". One word, or none ("the bread knife").
_TOYS_AND_TOOLS = ("water", "nerf", "toy", "squirt", "bubble", "foam", "glue", "hot", "staple", "nail", "paint", "cap", "spud",
                   "finger", "pretend", "plastic", "rubber", "wooden", "butter", "pizza", "pillow", "tickle", "massage",
                   "heat", "tape", "caulk", "laser", "radar", "speed")
_NOT_A_TOY = rf"(?:(?!(?:{'|'.join(_TOYS_AND_TOOLS)})\b)[\w-]+ )?"
# The same, looked back from the weapon's name ("his nerf gun at my head").
_NO_TOY_BEFORE = "".join(f"(?<!{word} )" for word in _TOYS_AND_TOOLS)
# A weapon in the writer's hands (har.behaviour): "my dad's gun", "a knife", "the bat".
_THE_WRITER_S_WEAPON = rf"(?:(?:a|an|the|my|his|her|their|our)(?: [\w-]+'s)? )?{_NOT_A_TOY}{_WEAPON_NAME}\b"
# A game someone will "kill" the writer at ("he's going to murder me in mario kart tonight").
_A_GAME = (r"(?:(?:the|a|this|that|our) )?(?:mario ?kart|fortnite|minecraft|roblox|call of duty|cod|gta|chess|cards|monopoly|"
           r"scrabble|uno|game|games|smash|fifa|xbox|playstation|tennis|golf|poker|pool|darts|bowling|quiz|trivia)\b")
# What is thrown at a partner ("i've had plates and mugs thrown at me").
_THROWN = (r"(?:plates?|mugs?|glass(?:es)?|bottles?|vases?|remotes?|phones?|shoes?|chairs?|knives|dishes|cups?|ashtrays?|"
           r"lamps?)")
# An accident the writer would not mind ("...if a bus hit me"), not a bus that took them to work ("...hits me with traffic").
_STRUCK_BY_TRAFFIC = (r"(?:a |the |some )?(?:car|truck|bus|train|lorry|drunk driver) (?:hit|hits|ran over|runs over|took|takes) "
                      r"me\b(?! with\b)")
# The writer trying to leave, before what the partner did to stop it.
_TRYING_TO_LEAVE = r"\bi (?:try|tried|was trying|started|wanted|want) to (?:leave|go|walk out|walk away|get out)\b"
# A parent named without "my" ("dad punched me", "and mum slapped me").
_PARENT_ALONE = r"(?:mom|mum|dad|mother|father|step[ -]?dad|step[ -]?mom|step[ -]?mum)"
# What follows "hit me" that is no blow: "kicked me out", "threw me off", "pushed me to try", "hit me up" (but "punched
# me in the face" is one).
_NOT_A_FIGURE = (r"(?! (?:up|out|off|at|to|away|too|harder|forward|a|as|for|about|of|on (?:the|social|instagram|facebook)|"
                 r"in(?! (?:the|my) (?:face|head|ribs|stomach|chest|back|eye|mouth|nose|jaw|belly|side|neck|throat)))\b)")

# What follows a cut or a burn that was an accident, not self-harm: "cut myself on the bread knife", "cutting my legs
# shaving", "burned my wrist on the oven door", "cut myself free of the seatbelt".
_BY_ACCIDENT = (r" (?:on (?:the|a|an|my|some|broken|rusty|sharp)\b|while|shaving|playing|cooking|making|lifting|moving|by accident|accidentally|"
                r"at (?:the )?(?:gym|work)|in (?:the|a) (?:kitchen|garden|gym|game|match|accident)|slipping|falling|tripping|"
                r"free|loose|when i (?:fell|slipped|tripped))")
_OWN_BODY = r"my (?:own )?(?:arms?|legs?|wrists?|thighs?|skin|stomach|body|hips?|hands?)"
# A sentence with no risk ahead that a last message could be left for (sui.goodbye_left): "if anything happens", an
# operation, a flight.
_NO_FEAR_BEFORE_A_RISK = _in_a_sentence_without(r"if anything|if something|in case|just in case|surgery|operation|flight|"
                                                r"deploy\w*")
# A blow struck (sui.self_harm_strike).
_STRIKE = (r"(?:punch|punches|punching|punched|slap|slaps|slapping|slapped|smack|smacks|smacking|smacked|bang|bangs|banging|"
           r"banged|beat|beats|beating)")


# The writer's own abuse told in the passive voice, by whom: "i was strangled by my husband last night", "i'm being
# stalked by my ex", "got choked by him again yesterday", "been raped by my husband". The rules above read the one who
# does it first ("he choked me"); these, the one it is done to. Only by a partner, an ex, a parent or a step-parent,
# an in-law or "him", "her", "them" (not "by a car", "by my boss", "by my brother at chess"), and not a game's or a
# nudge's "by" ("beaten by him at chess", "pushed by her to apply").
_BEING = (r"(?:been|being|just|always|often|repeatedly|regularly|constantly|nearly|almost|also|even|still|again|getting|get|"
          r"got|keep getting|kept getting|was|were|have been|had been)")
_DONE_TO_ME = (rf"(?:\b(?:i|i'm|im|i am|i was|i've|ive|i have|i had|i get|i got)(?: {_BEING}){{0,3}} "
               rf"|(?:^|(?<=[.!?;:,] )){_BEING} (?:{_BEING} ){{0,2}})")
_BY_WHOM = (rf"(?: up| again| twice| badly| repeatedly| last night| tonight| today| yesterday)* by (?:him|her|them|"
            rf"(?:my|our) (?:[\w-]+ )?(?:{_PARTNER_WORDS}|{_PARENT_ALONE}|parents|mother-in-law|father-in-law|in-laws|"
            r"(?:mum|mom|dad)'s (?:boyfriend|girlfriend|partner|husband|wife)))\b(?!'s)"
            r"(?! (?:at|to|into|on (?:instagram|insta|twitter|tiktok|facebook|social|snapchat|x))\b)"
            r"(?! in (?:a |the )?(?:game|match|race|chess|cards|tennis|pool|darts|arm wrestl\w*|argument|debate)\b)"
            # (not a childhood recalled: "i was slapped by my mum as a kid", as "my mum slapped me as a kid" is not read)
            r"(?![^.!?]*\b(?:as a (?:kid|child|teen|teenager|little (?:girl|boy))|when i was (?:little|a kid|a child|young|small|"
            r"\d{1,2})|growing up)\b)")


def _done_to_me_by(name: str, severity: str, verbs: str) -> Rule:
    """The writer's own abuse in the passive voice (``abu.<name>_by``): ``verbs`` done to them, by a partner or a
    parent (``_BY_WHOM``)."""
    # (the first gate is the same string for all four rules, so a text is looked at for it once, and most have no "by
    # him" or "by my" at all)
    return _r(f"abu.{name}_by", ABUSE, severity, rf"{_DONE_TO_ME}(?:{verbs}){_BY_WHOM}", negatable=True,
              done_to_writer=True, laughed_off=True, gate=(r" by (?:him|her|them|my|our)\b", rf"\b(?:{verbs}) "))


def _relatives_abuse(name: str, severity: str | None, pattern: str, words: str, laughed_off: bool = False) -> Rule:
    """A LAP item done now to someone in the writer's life by their partner (``abu.other.<name>``): someone else's
    abuse, deniable, and looked for only in a text that names such a partner (``OTHERS_PARTNER_GATE``) and ``words``."""
    return _r(f"abu.other.{name}", ABUSE, severity, pattern, someone_else=True, present_only=True, negatable=True,
              laughed_off=laughed_off, gate=(OTHERS_PARTNER_GATE, words))

RULES: tuple[Rule, ...] = (
    # ---------------------------------------------------------------- suicide and self-harm (C-SSRS)
    # 1. Wish to be dead
    _r("sui.wish_dead", S, "wish_to_be_dead",
       # "i wish i was dead", "i wish i was never born", "i wish i wasn't alive". The optional "was" carries its own
       # space: written as "(?:was|...)?(?:dead|...)" it ran the two words together, and "i wish i was dead" was missed.
       r"\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?(?:i|im|i'm) (?:(?:was|were|would be|could be) )?(?:just )?"
       r"(?:dead|never born|not alive|(?:gone|not here)\b(?! (?:from|by|before|when|until|for|to|on|at|in|with|out|away|"
       r"already|yet)\b))\b|\b(?:wish|wishing) (?:that )?i (?:was|were)n't alive\b"
       # "i wish i could die", "i wish i could just stop existing" (not of laughter, embarrassment or for a coffee)
       r"|\b(?:wish|wishing) (?:that )?i could (?:just )?(?:die|be dead|stop existing|not exist|disappear forever)\b"
       r"(?! (?:of|from|laughing|for|my|her|his)\b)"
       r"|\bwish (?:that )?(?:i|i'd) (?:had )?never (?:been born|existed)\b"
       # "i didn't renew my registration, because i won't be around for it to matter"
       r"|\b(?:won't|wont|will not|wouldn't|won't even) be (?:around|here|alive) (?:for (?:it|that|this|any of (?:it|this|that)) to matter|"
       r"long enough for (?:it|that|this) to matter)\b", negatable=True),
    _r("sui.want_die", S, "wish_to_be_dead",
       r"\b(?:i|i just|i really|i honestly|i kinda|i kind of|part of me|i sometimes|i often|i still)"
       # (a swear word or an intensifier inside it: "i wanna fucking die", "i just want to literally die")
       r" (?:want|wanna|wanted|wish|need) (?:to )?(?:(?:fucking|fuckin|effing|freaking|frigging|bloody|literally|actually|"
       r"honestly|seriously|just) )?(?:die|be dead|stop existing|not exist|cease to exist|disappear forever)\b"
       # ...not for an hour in a hot bath (but "i want to not exist for a while. or forever" is what it says)
       r"(?! for (?:an?|about an?|like an?|a few|a couple of|the) (?:hour|hours|minute|minutes|day|days|weekend|afternoon|evening|night)\b)"
       r"|\bfeel(?:ing)? like dying\b(?! (?:my|her|his) hair)"
       # Disappointed to wake up: "every morning i'm disappointed i woke up" (not "...woke up late").
       r"|\b(?:disappointed|gutted|upset|annoyed|angry|sad) (?:that )?(?:i (?:still )?|to (?:still )?)(?:woke up|wake up|still woke up|"
       r"am still here|am still alive|'m still here|'m still alive)\b"
       r"(?! (?:late|early|at|so|too|with|to (?:find|see|a|the)|and (?:found|saw|had|was)|before|after|in (?:time|a|the)|on)\b)"
       # An accident or an illness hoped for: "some days i'm actually hoping for a heart attack", "i wouldn't mind if a
       # truck hit me", "part of me hoped the plane would just go down".
       r"|\b(?:i'm |im |i am |actually |secretly |kind of |kinda )?(?:hoping|hope|hoped|praying|wishing) for (?:a heart attack|a stroke|"
       r"a (?:car )?crash|an accident|cancer|the end|a fatal)\b"
       r"|\b(?:wouldn't|wouldnt|would not) mind if (?:a|the|some) (?:car|truck|lorry|bus|train|drunk driver) (?:hit|hits|took) me\b"
       r"|\b(?:hoped|hoping|wished|wishing) (?:that )?(?:it|the plane|the car|we) would (?:just )?(?:go down|crash)\b",
       negatable=True),
    _r("sui.dont_want_live", S, "wish_to_be_dead",
       rf"\b{I} (?:really |just |honestly |truly )?(?:don't|dont|do not|no longer|not) (?:really )?(?:want|wanna|wish) (?:to )?(?:live|be alive|exist|"
       r"wake up|keep living|go on living|be here anymore|be on this earth)\b"
       # "I don't want to live like this / with him / in this house / next to his mum / out of boxes" is about where or
       # how to live, not about living: the learned layers decide those. Not "in this world", "in pain", "with hiv",
       # "with myself" or "on this earth": those are the wish itself.
       r"(?! (?:like|with (?:him|her|them|you|my|his|their|your|our|that|those|a|an|people|someone|strangers|flatmates|"
       r"roommates|housemates)\b|in (?!(?:this|the) world\b|pain|agony)|on (?!(?:this|the) (?:earth|planet)\b)|"
       r"together|here|there|apart|at(?! all)|by|under|near|nearby|next to|close to|so (?:far|close|near)|"
       r"far (?:away|from)|around|among|amongst|surrounded|out of|somewhere|anywhere|abroad|alone|on my own|paycheck|"
       r"pay cheque|hand to mouth|early|before)\b"
       # "i don't want to wake up every morning to another argument about money": what one wakes up to, not waking
       r"|(?<=wake up)(?: every (?:morning|day))? to (?:another |more |his |her |their |the |a |an )?(?:argument|fight|row|"
       r"mess|shouting|yelling|screaming|nagging|alarm|noise|dishes|silence|kids|baby|texts|messages|emails|bills)s?\b)"),
    _r("sui.not_wake_up", S, "wish_to_be_dead",
       r"\b(?:go to sleep|fall asleep|sleep) and (?:never|not) (?:have to )?wake (?:up|again)\b"
       r"|\b(?:hope|hopes|hoping|wish|wishes|wishing|pray|prays|praying) (?:that )?i (?:just )?(?:never|don't|dont|won't|wont|do not|will not) wake up\b"
       # ...or that an illness or an accident would take them: "wishing I'd get sick and not recover", "hoping a truck
       # hits me on the way home".
       r"|\b(?:wish|wishes|wishing|wished|hope|hoping|hoped|pray|praying) (?:that )?i(?:'d| would| could)? (?:get|got|catch|caught) "
       r"(?:sick|ill|cancer|something) and (?:not|never|don't|didn't) (?:recover|get better|come back|wake up)\b"
       r"|\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?(?:a|the|some) (?:car|truck|bus|train|drunk driver) (?:would |will )?"
       r"(?:hit|hits|takes?) me\b"
       r"|\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:just )?(?:didn't|wouldn't) wake up\b"
       r"|\b(?:wish|wishing|hope|hoping|pray|praying) (?:that )?i (?:just )?(?:don't|didn't|won't|wouldn't|never) make it home\b"
       # Not minding it, said as plainly: "i wouldn't mind if i didn't wake up tomorrow", "i wouldn't care if i died in my
       # sleep" (not "...if i didn't wake up until noon").
       # The writer's own not minding, not someone else's: "he wouldn't care if i died" is feeling uncared for.
       r"|(?:\bi (?:honestly |really |just |genuinely )?|(?:^|[.!?;,] )(?:honestly,? )?)(?:wouldn't|wouldnt|would not|won't|wont) "
       r"(?:mind|care) if i (?:just )?(?:didn't|did not|never|don't|dont|wouldn't) wake up\b"
       r"(?! (?:until|till|til|before|early|in time|on time|for))"
       r"|(?:\bi (?:honestly |really |just |genuinely )?|(?:^|[.!?;,] )(?:honestly,? )?)(?:wouldn't|wouldnt|would not|won't|wont) "
       r"(?:mind|care) if i (?:just )?(?:died|was dead|were dead|was gone for good)\b"
       # ...or an accident taking them, hedged: "lol honestly i'd be fine if a bus hit me tomorrow".
       r"|\b(?:i'd|i would|i'll|i will) (?:honestly |really |genuinely |actually |even |totally )?(?:be (?:fine|ok|okay|alright|"
       rf"happy|glad|relieved)|not mind|not care) if {_STRUCK_BY_TRAFFIC}"
       rf"|\bi (?:honestly |really |genuinely )?(?:wouldn't|wouldnt|would not|won't|wont) (?:mind|care) if {_STRUCK_BY_TRAFFIC}"
       # ...or a joke about it that has stopped being one: "i joke about wanting to die but it's not really a joke anymore".
       r"|\bjok\w* about (?:wanting to die|wanting to be dead|killing myself|kms|dying(?! (?:my|her|his|the|our|their|a)\b)|"
       r"not being here|ending it|"
       r"not wanting to (?:live|be alive|be here))\b[^.!?]{0,60}?\bnot (?:really |even |much of )?(?:a joke|joking|funny)\b"),
    _r("sui.better_off", S, "wish_to_be_dead",
       r"\b(?:(?:better|happier|easier) off (?:without (?:me|(?:a|an|someone) (?:\w+ ){0,3}like me)"
       r"(?! (?:on (?:the|their|our) (?:roster|team|squad|project|committee|board)|in (?:the|their|our) (?:band|team|group|game|squad)|"
       r"at (?:work|the office|practice)|for (?:the|this) (?:game|match|season|project|trip)))|(?:[\w']+ ){1,6}?than with me|if i (?:was|were|wasn't|weren't|died|was dead|were dead|was gone|"
       r"were gone|wasn't here|weren't here|didn't exist|was out of the picture|were out of the picture|wasn't around|weren't around))|better off dead|(?:nobody|no one|noone) (?:would|will) "
       r"(?:miss|notice|care)(?: me)?(?: if i (?:died|was gone|were gone|disappeared|was dead|didn't (?:come|drive|make it|get) home|"
       r"wasn't (?:here|around)|just stopped))|"
       r"world (?:would be|is) better without me)\b"
       # ...and without "off": "i think my children would be better without me", "...without me around" (not "...without
       # me on the team", "...in the band", "...nagging them")
       rf"|\b{_THEY_ALL}(?:'d| would| will)(?: all)? be (?:so |much |a lot |far )?(?:better|happier) without me\b"
       r"(?! (?:on|at|for|there|nagging|telling|checking|interfering|hovering|fussing|in (?:the|that|this|our|my) \w+)\b)"
       # ...easier, kinder, quieter for them if the writer were gone: "it'd be kinder for everyone if i just stopped", "they'd
       # have an easier time if i was out of the equation for good". Not "...if i just stopped complaining", "...if i wasn't
       # so strict", "...if i was gone for the weekend".
       rf"|\b(?:(?:easier|kinder|quieter|simpler|better|happier|calmer|lighter|less stressful) for {_BENEFICIARY}|{_THEY_ALL}(?:'d| would)(?: all)? "
       r"(?:be|have) (?:a |an )?(?:lot |much |so much )?(?:easier|kinder|quieter|simpler|better|happier|calmer|lighter)(?: time| life| lives)?) "
       r"if i (?:just |simply )?(?:wasn't|weren't|wasnt|werent|was not|were not|(?:was|were) (?:gone|dead|out of (?:the|their) "
       r"(?:picture|equation|lives)|not around|not here)|stopped|disappeared|didn't exist|died|(?:just )?wasn't alive)"
       r"(?: (?:here|around|alive|there|in (?:the|their) (?:picture|lives)))?(?=\s*(?:$|[.,!?;:)-]|and\b|but\b|for good\b|"
       r"anymore\b|at all\b|forever\b|altogether\b|permanently\b))"),
    # "by my own hand", the old words for it: "i think about dying by my own hand more than i like to admit"
    _r("sui.own_hand", S, "thoughts",
       r"\b(?:die|dying|died|death|end(?:ing)? (?:it|things|my life)|go|going) by my own hand\b"
       r"(?![^.!?]*\b(?:game|match|level|boss|character|quest|raid|round)\b)", negatable=True, laughed_off=True,
       gate=r"\bown hand\b"),
    _r("sui.no_reason_live", S, "wish_to_be_dead",
       r"\b(?:no|nothing to|don't have (?:a|any)|dont have (?:a|any)|can't find (?:a|any)) (?:reason|point|purpose) "
       r"(?:to|in|for) (?:live|living|go on|going on|be alive|being alive|stay alive|staying alive|wake up|existing|exist)\b"),
    _r("sui.tired_of_living", S, "wish_to_be_dead",
       # (not where or with whom: "tired of living in two places", "sick of living with my parents", "...out of a suitcase";
       # but "tired of living in this world", "...in a constant state of loneliness")
       r"\b(?:tired|sick|done) (?:of|with) (?:living"
       r"(?! (?:at|with|out of|from|under|on|off|between|apart|alone|here|there|paycheck|pay ?check|month to month)\b)"
       r"(?! in (?!(?:this |a |such a |constant |a constant )?(?:world|body|pain|state|fear|hell|misery|agony|darkness)\b))"
       r"|being alive|life|existing|this life)\b(?! (?:insurance|coach))"),
    _r("sui.cant_live", S, "wish_to_be_dead",
       rf"\b{I} (?:can't|cant|cannot) (?:live|go on|keep going) (?:like this|anymore|any more|without (?:him|her|them))\b"),
    # 2. Suicidal thoughts
    _r("sui.kill_self", S, "thoughts",
       rf"\b(?:kill(?:ing|ed)?|end(?:ing|ed)?|take|taking|took|off(?:ing)?|unalive|unaliving) (?:{SELF}|my (?:own )?life)\b"
       # "kms" as what the writer would do ("want to kms", "thinking about kms", "kms fr") or all the message says;
       # beside something else it is as often a groan ("kms this test 😭", "orange hair now kms"): a weak cue.
       r"|\b(?:to|about|wanna|gonna|imma|i'ma|will|i'll|ill|might|could|should|would|do|did|didn't|like|of|just) kms\b"
       r"|\bkms (?:fr|frfr|for real|not joking|no joke|seriously|tonight|today|rn|right now)\b|^(?:i )?kms\W*$"
       r"|\bunalive (?:me|myself)\b", negatable=True),
    _r("sui.end_it_all", S, "thoughts", r"\b(?:end|ending|finish) it all\b|\bend (?:it|everything) (?:tonight|today|now|for good|forever)\b"
       # ...or leaving this world: "i think its time for me to leave this world", "i'm ready to leave this earth" (not "leave
       # this world behind", "leave the world a better place", "leave the world of finance")
       rf"|(?:\b{I} (?:[\w']+ ){{0,2}}?(?:ready|going|gonna|about|want|wanna|planning|plan|need|decided|deserve)(?: to)?|"
       r"\btime (?:for me )?to) (?:leave|depart|exit) (?:this|the) (?:world|earth|planet)\b"
       r"(?! (?:behind|a better|better|for|of|with|stage|on|in)\b)",
       negatable=True),
    # An attempt meant again (C-SSRS intent): "guess i gotta go attempt again", "i'm going to attempt again tonight" (not
    # an exam's or a climb's: the sentence names none).
    _r("sui.attempt_meant", S, "intent",
       rf"{_NO_SECOND_TRY}\b{I} (?:[\w']+ ){{0,2}}?(?:going to|gonna|will|'ll|might|plan to|planning to|want to|wanna|gotta|"
       r"have to|need to) (?:go )?attempt again\b",
       negatable=True, gate=r"\battempt again\b"),
    _r("sui.suicidal", S, "thoughts",
       rf"\b(?:{I}|feel|feeling|felt|been|get|getting|be|am|so|very|really|pretty|kinda|bit|little) (?:(?!not |never |no )\w+ )?suicidal\b"
       r"|\bsuicidal (?:thoughts|ideation|feelings|urges|thinking)\b"
       r"|\b(?:thoughts|thinking|think|thought) (?:of|about) (?:suicide|killing myself|ending (?:my life|it))\b"
       r"|\b(?:commit|committing|attempt|attempting) suicide\b", negatable=True),
    # Urges to self-harm (the thought before the act): "self harm urges", "the urge to cut is so strong", "i want to
    # cut again". Not "i want to cut my hair", "cut back", "cut ties".
    _r("sui.self_harm_urges", S, "thoughts",
       r"\b(?:self[- ]?harm(?:ing)?|cutting) (?:urges?|cravings?)\b"
       r"|\b(?:urges?|urging|craving|cravings|tempted|temptation|itching) to (?:self[- ]?harm|hurt myself|harm myself|burn myself|"
       r"cut(?: myself)?(?: again)?(?=$|[.!?,;]| so | is | was | has | tonight| rn| right now| really| and| but))"
       r"|\b(?:i|i really|i just|i so) (?:want|wanna|need) to (?:self[- ]?harm|cut)(?: again| so bad(?:ly)?| tonight| rn| right now)*"
       r"(?=$|[.!?,;]| and| but| i )", negatable=True),
    _r("sui.suicide_word", S, None,
       r"(?<!died by )(?<!died of )\bsuicid[a-z]*+(?! (?:prevention|awareness|rates?|statistics|hotline number|squad))"
       r"|\bself[- ]?harm[a-z]*+", strong=False, negatable=True),
    _r("sui.method_self", S, "method",
       r"\b(?:hang|hanging|hung|shoot|shooting|drown|drowning|stab|stabbing|poison|poisoning|suffocate|suffocating|gas|gassing|"
       r"electrocute|electrocuting|overdose on|od on|set fire to|burn) (?:myself|my self)\b"
       # An overdose the writer wants, plans or thinks of ("i want to overdose", "thinking about overdosing"); one
       # taken is med.overdose and sui.took_pills.
       r"|\b(?:i|i'm|im|i've been|ive been|i've|ive|i have|i had)(?: really| just| seriously| honestly| kinda)? (?:want to|wanna|going to|gonna|"
       r"planning to|plan to|about to|thinking about|thinking of|think about|thought about|tempted to|might|could|will)"
       r"(?: just)? (?:overdose|overdosing)\b|\bi'll (?:just )?overdose\b"
       r"|\b(?<!bungee )(?<!bungy )(?:jump|jumping|throw myself|throwing myself) (?:off|from) (?:a |the |my )?(?:\w+ )?(?:bridge|roof|rooftop|building|balcony|cliff|overpass|window|tower|parking garage)\b"
       r"|\b(?:jump|jumping|step|stepping|throw myself|throwing myself|walk|walking) in front of (?:a |the )?(?:train|truck|bus|car|traffic|subway)\b"
       r"|\b(?:crash|crashing|drive|driving) my car (?:off|into) (?:a |the )?(?:bridge|tree|wall|cliff|river|lake|truck|oncoming)"
       # A gun turned on oneself by the writer's own hands: "i'm going to use my dad's gun on myself", "i held the gun to my
       # head last night". Not someone else's ("he put a gun to my head" is abuse), nor a tool or a toy's.
       rf"|\b{I} (?:(?!not\b|never\b|don't\b|dont\b|won't\b|wont\b|wouldn't\b|didn't\b|can't\b|couldn't\b|{_ANOTHER_SUBJECT})"
       r"[\w']+ ){0,3}?"
       r"(?:use|using|used|turn|turning|turned|point|pointing|pointed|put|putting|hold|holding|held) "
       rf"(?:(?:the|a|my|his|her|our|their|[\w]+'s) ){{0,2}}{_NOT_A_TOY}(?:gun|pistol|rifle|shotgun|handgun|revolver) "
       rf"(?:on|at|to|against) (?:{SELF}|my (?:own )?(?:head|temple|chin|chest|mouth))\b",
       negatable=True),
    _r("sui.research_means", S, "method",
       r"\b(?:looked|looking|look|searched|searching|search|research\w*|googl\w*|read up on|reading up on) (?:up )?(?:how many|how much) "
       r"(?:of )?(?:my |his |her |the )?(?:\w+ )?(?:pills|tablets|meds|medication|insulin|paracetamol|tylenol|acetaminophen|painkillers)\b"
       # ...not a day's safe dose for a pain or an illness: "how many paracetamol you can take in a day for my back"
       r"(?![^.!?]{0,40}?\b(?:in a day|a day|per day|in 24 hours|at once|at a time|safely)\b[^.!?]{0,30}?\bfor (?:my|his|her|their|"
       r"the|a|your) (?:\w+ )?(?:back|head|headache|migraine|tooth|toothache|teeth|pain|period|cramps|cold|flu|fever|knee|knees|"
       r"arthritis|hip|neck|shoulder|injury|sprain)\b)"
       r"|\b(?:painless|easiest|quickest|fastest|surest) ways? (?:to|of) (?:die|dying|kill myself|end it|end my life|go)\b"
       # Asked as a question: "how many tylenol would it take to kill someone my size", "how high does a building
       # need to be to not survive the fall".
       r"|\bhow (?:many|much) (?:(?!i\b|you\b|we\b|they\b|people\b|times\b|more\b)[\w']+ ){0,4}?(?:would it take|does it take|"
       r"will it take|is enough|would be enough|would|will|could) (?:to )?kill (?:me|myself|someone|a person|somebody|an adult)\b"
       r"|\bhow (?:many|much) (?:[\w']+ )?(?:pills|tablets|meds|medication|mg|tylenol|paracetamol|acetaminophen|ibuprofen|advil|"
       r"aspirin|insulin|xanax|valium|benadryl|antidepressants|sleeping pills)(?: [\w']+){0,4} (?:to )?(?:die|overdose|be fatal|"
       r"be lethal|not wake up|kill)\b"
       r"|\bhow (?:high|tall|far) (?:does|do|would|should|is) (?:a |the |an )?(?:building|bridge|fall|drop|jump|cliff|balcony|"
       r"floor|roof|parking garage)(?: [\w']+){0,4} (?:to )?(?:not survive|die|be fatal|kill (?:you|someone|me))\b",
       negatable=True),
    # A method weighed, said in passing: a rule of its own behind a look for its words, as its openings ("if", "want to",
    # "thinking about") are common.
    _r("sui.method_weighed", S, "method",
       # "i keep thinking about swerving into the overpass", "tempted to steer into oncoming traffic" (not a swerve that
       # happened: "i almost drove into a tree when the deer jumped out").
       r"\b(?:thinking (?:about|of)|think (?:about|of)|thought (?:about|of)|tempted to|the urge to|an urge to|want(?:ed)? to|wanna|"
       r"picture|picturing|imagine|imagining|fantasi[sz]e about|fantasi[sz]ing about|how easy it would be to) "
       r"(?:just )?(?:swerv\w*|steer\w*|driv\w*|crash\w*|veer\w*)(?: my car| the car| off the road)? (?:into|off) (?:a |the |an )?"
       r"(?:[\w-]+ )?(?:oncoming(?: traffic| truck| car| lorry)?|tree|wall|pillar|overpass|bridge|barrier|truck|lorry|semi|river|lake|cliff)\b"
       # "i keep imagining walking into the river behind the house with my coat on"
       r"|\b(?:imagin\w*|picturing|picture|thinking about|think about|thought about|fantasi[sz]\w* about) (?:just )?(?:walking|wading|swimming) "
       r"(?:out )?into (?:the|a) (?:river|sea|ocean|lake|water|waves|traffic)\b(?=[^.!?]{0,60}\b(?:coat on|clothes on|boots on|and not|"
       r"and never|and keep|until|stones|pockets|not coming back|not come back))"
       # "working out whether seven floors is high enough", "reading about which bridges in the city are high enough"
       r"|\b(?:whether|if|which|how many) (?:[\w']+ ){0,4}?(?:floors?|storeys?|stories|bridges?|buildings?|drops?) (?:[\w']+ ){0,3}?"
       r"(?:is|are|would be|was|were) (?:high|tall) enough\b"
       r"|\b(?:doing|did|done|do) the (?:math|maths|sums) on (?:my |the |his |her )?(?:insulin|pills|meds|medication|tablets|painkillers|"
       r"sleeping pills)\b"
       r"|(?<!\bno )\bpainless ways?\b(?=\s*(?:$|[.,!?;:)]|and\b|to (?:go|die|do it|end it)\b))",
       negatable=True, gate=r"\b(?:enough|math|maths|sums|painless|walking|wading|swimming|swerv\w*|steer\w*|driv\w*|crash\w*|veer\w*)\b"),
    _r("sui.weak_cues", S, None,
       r"\b(?:can't|cant|cannot) (?:do this|take (?:it|this)|go on|keep going)(?: anymore| any more)?\b"
       r"|\b(?:want|wanna|need) (?:it|everything|this|the pain) to (?:stop|end)\b|\bend it\b"
       r"|\b(?:give|giving|gave) up on (?:life|everything|myself)\b|\bi'?m a burden\b|\bburden (?:to|on) (?:everyone|my|them)"
       r"|\b(?:disappear|vanish) (?:forever|for good)\b|\b(?:should|want to|wanna|wish i could|going to|gonna) (?:just )?(?:disappear|vanish)\b|\bfinally (?:sleep|rest|be at peace|be free|be gone)\b|\btake (?:them|it) all (?:tonight|now|at once)\b|\btake all (?:of )?(?:them|my pills|my meds)\b|\bnot (?:be|being) (?:here|around) anymore\b"
       r"|\b(?:sleep|rest) forever\b|\bno way out\b|\bwhat'?s the point\b|\bhopeless\b|\bwant to die\b|\bwanna die\b"
       r"|\b(?:say|said|saying) goodbye\b|\bgoodbye (?:note|letter)|\bkms\b", strong=False),
    # Indirect disclosures (C-SSRS "wish to be dead" and preparatory behaviour said sideways): a cue family of its
    # own, so that the combiner learns its weight apart from the generic distress cues above.
    _r("sui.indirect", S, None,
       r"\b(?:won't|wont|will not) be (?:a |any |anyone's |anybody's |your |their |everyone's )?(?:problem|burden|bother|trouble)(?: to (?:anyone|you|anybody|them))?(?: for)? (?:much|very) longer\b"
       r"|\b(?:won't|wont|will not|not going to|not gonna|don't think i'll|don't think i will|may not|might not) be (?:here|around) (?:much longer|for (?:much )?longer|for long|by|after|next|for (?:christmas|my birthday|the holidays|new year))\b"
       r"|\b(?:don't|dont|do not) (?:plan|intend|expect) (?:on |to )?(?:be|being) (?:here|around|alive) (?:much longer|for much longer|next year|anymore|any more)\b"
       r"|\b(?:won't|wont|will not|don't|dont) (?:need|be needing) (?:it|them|any of (?:it|this|them)|my \w+|these|those)(?: \w+)? (?:anymore|any more|much longer|soon|where i'm going|after)\b"
       r"|\b(?:wouldn't|won't|wont|will not) be needing (?:it|them|any of (?:it|this|them))(?=\s*(?:$|[.,!?;]|and\b|anymore\b))"
       r"|\b(?:giving|gave|give|handing|handed|handing out) (?:away )?(?:all |a lot |most |half |loads )?(?:of )?my (?:stuff|things|belongings|possessions|pets?|dog|cat|clothes|books|records|plants)\b"
       r"|\bend(?:ing)? things\b(?! (?:with|between|off with))|\bend(?:ed|ing)? it\b(?! (?:with|between))"
       r"|\b(?:know|knew|thought about|think about|thinking about|planned|worked out) (?:exactly )?how i(?:'d| would|'ll| will| could) do it\b"
       r"|\b(?:hope|hoping|wish) i (?:crash|die|get hit|don't make it)\b|\bnothing (?:left )?(?:to live for|for me here)\b"
       # Passive ideation in how the writer drives: "i keep driving too fast hoping something happens".
       r"|\b(?:driv\w*|speed\w*) (?:too fast|recklessly|really fast|so fast|without (?:a |my )?seat ?belt|drunk)(?: [\w']+){0,3} "
       r"(?:hoping|wishing|in the hope) (?:that )?(?:[\w']+ ){0,2}?(?:something (?:bad )?happens|i crash|i die|i don't make it|"
       r"someone hits me|a truck hits me)\b"
       r"|\b(?:asleep|sleep|rest) forever\b|\btak(?:e|ing) all (?:of )?my (?:pills|meds|medication|tablets)\b"
       r"|\b(?:bought|got|have) (?:a |some |the )?(?:rope|noose)\b|\bstanding on (?:the )?(?:roof|ledge|edge|bridge|railing)\b"
       r"|\b(?:sitting|sat|sit) in the (?:garage|car) with the (?:engine|car|motor) running\b"
       r"|\b(?:only|last) reason (?:i'm|im|i am) (?:still )?(?:alive|here)\b|\bmy last (?:message|post|words)\b"
       r"|\b(?:made up my mind|my mind is made up)\b"
       r"|\bcuts on my (?:arms?|legs?|wrists?|thighs?)\b|\bgo to sleep and not wake\b|\bnot waking up\b", strong=False),
    # Warning signs let slip in a long message about the week (C-SSRS's wish to be dead and preparatory acts, said
    # sideways): "doing the math on whether they'd be okay without me", "thinking about when and how", the passwords
    # and the will written down for a partner, "I don't see anything past January", sitting with the rifle. Read with
    # sui.indirect, as one cue family (combine.INDIRECT_CUES); a rule of their own only so that a gate keeps them cheap
    # on long posts.
    _r("sui.said_sideways", S, None,
       rf"\b(?:whether )?{_THEY_ALL}(?:'d| would| will|'ll)? (?:all )?(?:be|do|manage|cope) (?:just )?(?:fine|okay|ok|alright|"
       r"all right|better|happier) without me\b(?! (?:for|this|next|tonight|on|at|while|until)\b)"
       r"|\b(?:picture|imagine|imagining|picturing) (?:them|everyone|my family|the kids|my kids|their lives) without me\b"
       r"|\b(?:thinking|thought|think|wondering|planning|planned|worked out|working out|figured out|figuring out|decided) "
       r"(?:about )?(?:when and how|how and when)\b(?! (?:to|i|we|you|he|she|they)\b)"
       r"|\b(?:working|worked|figuring|figured) out (?:the )?(?:actual |exact )?(?:method|logistics of (?:it|ending))\b"
       r"|\b(?:vanish\w*|disappear\w*) (?:for real|permanently|for good|forever)\b"
       r"|\b(?:passwords?|life insurance|insurance (?:details|policy|papers)|(?:where )?(?:the|my) will (?:is|was)\b)"
       r".{0,80}\b(?:haven't told|not told|didn't tell|without telling|for (?:her|him|them) to find|when i'm gone|after i'm gone)\b"
       r"|\b(?:getting|got|putting|put) (?:my |all my )?affairs in order\b"
       r"|\b(?:don't|dont|do not) (?:plan|intend|expect) (?:on |to )?(?:be|being) (?:there|around|here|alive) (?:for|to see|by|when|after)\b"
       r"|\b(?:won't|wont|will not|not going to|not gonna) be (?:here|around) (?:to see|when)\b"
       r"|\b(?:don't|dont|can't|cant) (?:see|picture|imagine) (?:anything|myself|me|a future|any future) (?:past|after|beyond) "
       r"(?:that|then|christmas|the holidays|january|new year|this|graduation|summer)\b"
       r"|\b(?:sitting|sat|sit) (?:\w+ ){0,5}?with (?:the|my|a|his|dad's|my dad's) (?:gun|rifle|pistol|shotgun|revolver|rope)\b"
       r"(?! (?:cleaning|case|safe|locked)\b)", strong=False,
       gate=r"\b(?:without me|when and how|how and when|method|logistics|passwords?|insurance|will (?:is|was)|affairs|plan|intend|"
            r"expect|(?:here|around) (?:to see|when)|(?:past|after|beyond) (?:that|then|christmas|the holidays|january|new year|this|"
            r"graduation|summer)|vanish\w*|disappear\w*|gun|rifle|pistol|shotgun|revolver|rope)\b"),
    # 3.-6. method, intent, plan are derived below from cues; behaviour (self-harm, attempts) are rules.
    _r("sui.attempt", S, "behaviour",
       rf"\b{I} {FILL}(?:tried|attempted|tried again) (?:to )?(?:kill(?:ing)? {SELF}|end(?:ing)? (?:my life|it)|suicide|"
       r"take my (?:own )?life|overdose)\b|\bmy (?:last |first |previous |suicide )?attempt\b|\bsurvived (?:a |my )?(?:suicide )?attempt"
       # ...said in passing, the attempt understood by when it was or where it led: "the scar on my wrist is from when i
       # tried in college", "i spent three days on the psych ward after i tried in march", "after my overdose last year".
       # Not "when i tried, he walked off" (tried to talk), "when i tried to bake", "when i tried out for the team".
       r"|\b(?:when|since|after|before|the (?:last|first|second) time) i (?:tried|attempted) (?:back )?(?:in|at|during) (?:college|school|"
       r"high school|uni|university|the army|my (?:teens|twenties|thirties|first year)|january|february|march|april|may|june|july|"
       r"august|september|october|november|december|spring|summer|autumn|fall|winter|\d{4})\b"
       r"|\b(?:hospital|psych ward|psych unit|psychiatric (?:unit|ward|hospital)|the ward|inpatient|icu|intensive care|a&e|the er|rehab)\b"
       r"[^.!?]{0,40}\b(?:after|since|when) i (?:tried|attempted)\b"
       r"(?! (?:to (?!kill|end|take my|overdose)|out|it|on)\b)"
       r"|\b(?:after|since|before|from) my (?:last |first |previous |second )?(?:overdose|od)\b"
       # A near miss told in the past tense ("I almost shot myself", "nearly hanged myself last night"); "killed
       # myself" only when it is not an idiom ("nearly killed myself laughing / on the stairs / at the gym").
       r"|\b(?:almost|nearly|came close to|very nearly) (?:shot|shooting|hanged|hanging|hung) myself\b|\b(?:almost|nearly) (?:overdosed|od'd)\b"
       r"|\b(?:almost|nearly|came close to|very nearly) (?:slit|slitting|cut|cutting) my (?:wrists?|throat)\b"
       r"|\b(?:almost|nearly|came close to) (?:jumped|jumping) (?:off|from|in front of) (?:the |a )?(?:bridge|roof|building|balcony|cliff|train|bus|ledge|overpass|car park)\b"
       # An aborted attempt ("I put a rope around my neck today", "I tied the belt around my neck and pulled").
       r"|\b(?:i|i've|ive|i had|i have)(?: [\w']+){0,2} (?:tied|put|wrapped|tightened|had|have|got|placed|slipped) (?:a |the |my )?"
       r"(?:belt|rope|noose|cord|cable|wire|leash) (?:around|round|on) my neck\b"
       rf"|{SENTENCE_START}(?:tied|put|wrapped|tightened|slipped) (?:a |the |my )?(?:belt|rope|noose|cord|cable|leash) (?:around|round) "
       r"my neck\b"
       # Attempts counted or dated: "my gf doesn't know i've attempted twice", "i attempted when i was 17 and again at 23",
       # "one suicide attempt at 19, one at 31".
       rf"|\b{I} (?:\w+ )?attempted (?:twice|once|before|three times|again|when i was|at \d\d|in \d{{4}})\b"
       r"(?! to (?!(?:kill|end|take my)\b))"  # not "i've attempted twice to talk to him"
       r"|\b(?:one|two|three|a|my first|my second|my last) (?:suicide )?attempt at (?:\d\d|seventeen|eighteen|nineteen|twenty)\b"
       r"|\b(?:almost|nearly|came close to|very nearly) (?:killed|killing|ended) (?:myself|my life|it all)\b"
       r"(?! (?:laughing|on|at|trying|with|doing|in|when|getting|running|lifting|carrying|falling|tripping))"),
    _r("sui.attempt_broken_off", S, "behaviour",
       # An attempt begun and broken off: "twice this month i've parked at the quarry meaning to go over the edge", "i got
       # in the bath meaning not to get out".
       r"\b(?:meaning|intending) (?:to (?:go (?:in|over|off)(?: the (?:edge|side|top))?|jump|hit it|drive (?:off|into)(?: it)?|"
       r"end it(?! (?:with|between|for (?:good|us)|all (?:with|between)))|end my life)|"
       r"not to (?:get out|come (?:back|home|up|out)|wake up))\b"
       # ...the means made ready in their hands, then put away or interrupted: "i had the pills all counted out on the
       # counter and then my daughter called asking for a ride so i put them back", "i tied it and sat there with it and
       # then my sister texted", "i had a handful in my palm and my little brother came in for a hug so i flushed them".
       rf"|(?:{_MEANS_READY})[^.!?]{{0,160}}?\b(?:{_BROKEN_OFF})"
       # ...at a height, and what held them back ("i stood on the balcony of the 14th floor for a long time and i'm not
       # sure what stopped me", "i went to the bridge last night and i still don't know why i didn't jump").
       r"|\b(?:stood|standing|sat|sitting|climbed|climbing|went|walked|drove|leaned|leaning) (?:up |out |over )?(?:on|at|onto|to|over|up to) "
       r"(?:the )?(?:(?:edge|railing|ledge|side|top) of )?(?:a |the |my |our )?(?:[\w']+ ){0,3}?(?:bridge|roof|rooftop|balcony|"
       r"ledge|cliff|overpass|railing|train tracks|tracks|parking garage|car park)\b[^.!?]{0,80}?\b(?:what stopped me|"
       r"what (?:made|kept) me (?:from (?:jumping|doing it)|stop|step back|go home)|why i didn't(?= jump| do it| go through|\s*(?:$|[.,!?;]| and\b))|"
       r"what held me back|(?:nearly|almost) (?:jumped|went over|let go|stepped off))",
       gate=r"\b(?:meaning|intending|counted|lined|laid|handful|held|rope|noose|belt|cord|tied|gun|rifle|shotgun|pistol|weapon|everything|"
            r"pills|tablets|meds|knife|blade|razor|insulin|pens|"
            r"bridge|roof|rooftop|balcony|ledge|cliff|overpass|railing|tracks|parking garage|car park)\b"),
    # A plan told by what is settled: "i know exactly when and how", "he works late on thursdays. that's when. i know which
    # pills", "i know what im using and where", "i'm going to drive to the bridge on the ring road and jump", "my plan is to
    # take my whole month's prescription". Not "i know which pills to take for a migraine".
    _r("sui.plan_told", S, "plan",
       r"\bi know (?:exactly )?(?:when and how|how and when|where and how|how and where|when and where)(?=\s*(?:$|[.,!?;:]))"
       r"|\bi know (?:exactly )?which (?:pills|tablets|meds)(?=\s*(?:$|[.,!?;]))|\bi know what i'?m using and (?:where|when|how)\b"
       r"|\b(?:i'm|im|i am|i'll|ill|i will) (?:going to |gonna )?(?:jump|throw myself) (?:off|from) (?:the |a |that )?(?:[\w-]+ ){0,3}?"
       r"(?:bridge|roof|building|car park|cliff|cliffs|balcony|overpass|multi-storey|viaduct)\b"
       r"|\b(?:i'm|im|i am|i'll|ill|i will) (?:going to |gonna )?drive (?:to|out to) the (?:[\w-]+ ){0,3}?(?:bridge|cliffs?|quarry|car park)\b"
       r"[^.!?]{0,60}?\band (?:jump|go over|drive off)\b"
       r"|\bmy plan is to (?:take|swallow) (?:all|the whole|my whole|every|my|the) (?:[\w-]+'s )?(?:[\w-]+ )?(?:prescription|pills|"
       r"tablets|meds|lot)\b",
       negatable=True,
       gate=r"\b(?:i know|jump|throw myself|drive|my plan)\b"),
    # Intent weighed in the moment: "i sat on the edge of the tub for an hour deciding whether tonight was the night".
    # Not "...whether tonight was the night to tell him" or "...the night we finally watch the finale".
    _r("sui.tonight_the_night", S, "intent",
       r"\b(?:deciding|decided|debating|asking myself|asked myself|figuring out|weighing up|weighing) (?:whether|if) tonight"
       r"(?: (?:is|was|would be|will be)|'s) (?:the|my) night\b(?=\s*(?:$|[.,!?;:)-]|and\b|but\b|or\b|or not\b))"
       # ...and taken: "i hugged each of the grandkids extra long because i'd decided it was the last time" (not "...the
       # last time i lend him money").
       r"|\b(?:i'd|i had|i've|i have|i) (?:already )?decided (?:it|this|that|today|tonight|sunday) (?:was|is|would be|will be) the last "
       r"(?:time|one|night|day)\b(?=\s*(?:$|[.,!?;:)-]|and\b|but\b))", negatable=True,
       gate=r"\btonight\b|\bthe last (?:time|one|night|day)\b"),
    _r("sui.self_harm_act", S, "behaviour",
       # (the word between is not "not" or "never": "i'm not hurting myself and never have"; nor "could", self-reproach:
       # "i could hit myself for forgetting her birthday")
       rf"\b{I} (?:(?!not\b|never\b|could\b)\w+ )?(?:{_SELF_HARM_VERBS}) {SELF}\b(?!{_BY_ACCIDENT})"
       # the writer's own, said with or without the "I" ("started cutting again"), not a friend's ("she'd been self-harming")
       r"|(?:\bi(?:'ve|ve| have|'d| had)? |\bi'm |\bim |\bi am |(?:^|[.!?;,] ))(?:started |start |been |keep |kept )?"
       # ...not cutting something ("cutting them in quarters", "cutting back on sugar", "cutting my hair")
       r"(?:cutting(?! (?:them|it|this|that|the|a|an|up|down|back|off|out|into|through|his|her|their|our|your|some|all|"
       r"class|school|ties|carbs|sugar|costs|grass|wood|paper|coupons|hair|stencils|fabric|shapes|cardboard|veg|vegetables|onions|bread|cake|"
       r"pizza|cheese|meat|patterns|letters|wrapping|tape|string|rope|wire|tiles|hedges?|branches|flowers|lawn|corners|my (?!(?:arms?|legs?|wrists?|thighs?|skin|stomach|"
       r"body|hips?|self)\b))\b)|self[- ]harming|harming myself)(?: again)?\b"
       rf"(?! my (?:own )?\w+(?: up)?{_BY_ACCIDENT})"
       r"|\bi(?:'ve|ve| have)? (?:been |started |start |keep )?(?:doing|did) self[- ]harm\b"
       r"|\b(?:cut|slit|slash|slashed|slitting) (?:my|both) wrists?\b|\brelapsed (?:on|with|into) (?:cutting|self[- ]harm)"
       rf"|\b{I} (?:\w+ )?(?:cut|cutting|burn|burning|burned|burnt|scratch|scratching|carve|carving|hit|hitting) (?:on |into )?my (?:own )?"
       r"(?:arms?|legs?|wrists?|thighs?|skin|stomach|body|hips?)(?: \w+){0,3} (?:with (?:a |the )?(?:cigarettes?|lighter|razors?|blades?|knife|scissors|glass|compass|"
       r"safety pin|pin|needle)|on purpose|"
       r"until (?:it|they) bleeds?|to (?:feel|cope|punish))",
       negatable=True),
    # Self-harm by striking oneself (C-SSRS behaviour): "i slap myself in the face when i mess up", "i punch my legs
    # until they bruise", "i bang my head on the wall over and over". The heads read a body struck as someone else's
    # blow (abuse, or a child hurt by a parent). Not self-reproach ("i could slap myself", "i beat myself up about
    # it") or frustration ("banging my head against a brick wall": IDIOMS), nor a knock ("i hit my head on the door").
    _r("sui.self_harm_strike", S, "behaviour",
       rf"\b{I} (?:(?!not\b|never\b|could\b|want\b|wanted\b|felt\b)\w+ )?{_STRIKE} {SELF}\b(?! up\b| on the back\b)"
       rf"|\b{I} (?:(?!not\b|never\b|could\b|want\b|wanted\b|felt\b)\w+ )?(?:{_STRIKE}|hit|hits|hitting|bite|bites|biting|bit) "
       r"(?:on |into )?my (?:own )?(?:head|face|legs?|arms?|thighs?|stomach|chest|wrists?|fists?)\b(?: [\w']+){0,8}? "
       r"(?:(?:until|till|til|untill) (?:it|they|i|my \w+) (?:bleeds?|bled|bruises?|bruised|hurts?|hurt|see stars|saw stars|"
       r"can't (?:feel|think)|go numb|goes numb|went numb|stops?(?! bleeding| hurting| swelling| aching)|"
       r"calm down|feel (?:something|nothing|calmer))|over and over|again and again|on purpose|as hard as i can|"
       r"black and blue|to (?:feel|cope|punish|calm|stop))\b",
       negatable=True, gate=r"\b(?:punch|slap|smack|bang|beat|hit|bit)"),
    # Self-harm told in passing, in a long message about the week (C-SSRS behaviour): rules of their own so that a gate
    # keeps them cheap on the texts without their words.
    _r("sui.self_harm_told", S, "behaviour",
       # Cutting told after "and", with their own body named ("i've been getting drunk alone and cutting my arms up"); the
       # writer's thighs or wrists cut, said plainly ("i cut my thighs last night").
       rf"\band (?:been |started |keep |kept )?(?:cutting|burning|scratching|carving) (?:into )?{_OWN_BODY}\b(?!(?: up)?{_BY_ACCIDENT})"
       rf"|\b{I} (?:\w+ )?(?:cut|cutting|carved|carving) (?:into )?my (?:own )?(?:thighs?|wrists?)\b(?!{_BY_ACCIDENT})"
       # Something hot held to the skin: "i've been pressing a hot lighter into my wrist at night".
       rf"|\b{I} (?:[\w']+ ){{0,2}}?(?:press|presses|pressing|pressed|hold|holding|held|put|putting) (?:a |the |my )?"
       r"(?:hot |lit |burning )?(?:lighter|cigarette|match|flame|hot (?:knife|spoon|iron|metal|coin)|curling iron) "
       rf"(?:\w+ )?(?:into|to|against|on|onto) {_OWN_BODY}\b"
       # "the only way i got through the in-laws' visit was hurting myself in the guest bathroom" (not "all i think about
       # is hurting myself": a thought)
       r"|\b(?:was|by) (?:hurting|cutting|burning|harming) myself\b(?!" + _BY_ACCIDENT + ")"
       # The marks owned: "the scratches on my legs are from me".
       rf"|\b(?:cuts|scratches|scars|burns|marks|bruises) on {_OWN_BODY} (?:are|were) (?:from me|mine|self[- ]inflicted|my own doing)\b"
       # Cut, said of themselves without an object: "i go upstairs and cut, and then i come back down", "because i cut the
       # night before". Not "i cut the onions", "cut in line", "she cut".
       r"|(?:\b(?:i|i've|ive|i had)(?: [\w']+){0,2}? and|\bbecause i|\bi) (?:cut|cutting)(?= again\b| last night\b| the night before\b|"
       r" yesterday\b| this morning\b|\s*(?:[.!?;]|,(?! (?:and|or) )|$)|,? and then\b|, then\b)",
       negatable=True, gate=r"\b(?:cut|cutting|carv\w*|burning|scratching|lighter|cigarette|match|flame|hot|curling iron|hurting myself|"
                           r"harming myself|from me|mine|self[- ]inflicted|my own doing)\b"),
    _r("sui.self_harm_marks", S, "behaviour",
       # Hurt done to their own body until it shows: "i scratched my arms raw", "dug my nails into my arm till it bled",
       # "snap the rubber band till it breaks the skin", "punching the wall in the shed until my knuckles split". Not
       # "scrubbed the pan until my hands were raw" (a chore's verb), "bit my nails till they bled" (nails are no body
       # part here).
       rf"(?:\b{I} (?:[\w']+ ){{0,3}}?|\band (?:then )?)(?:scratch|scratched|scratching|dig|dug|digging|bite|bit|biting|pinch|pinched|pinching|snap|snapped|"
       r"snapping|punch|punched|punching|hit|hitting|bang|banged|banging|slam|slammed|slamming|rub|rubbed|rubbing|claw|clawed|clawing)"
       # ...done to their own body, or against a wall or a rubber band (not "bit my tongue", "bit my partner's arm")
       r"(?: [\w']+){0,3}? (?:my (?:own )?(?:arms?|legs?|skin|knuckles|hands?|head|wrists?|thighs?|stomach|fingers|face|chest|hips?)\b|"
       r"myself\b|(?:the|a) (?:wall|door|rubber band|band|hair tie)\b)"
       r"(?:(?: [\w']+){0,6}? (?:until|till|til|'til) (?:it|they|the skin|my (?:[\w']+ ){0,2}?(?:skin|arms?|legs?|knuckles|hands?|head|"
       r"wrists?|thighs?|stomach|fingers)) (?:bled|bleeds?|bleeding|blistered|blisters|blistering|bruised|bruises|split|splits|broke the skin|"
       r"breaks the skin|was raw|were raw|went raw)|[^.!?]{0,90}? hard enough to (?:leave a mark|bruise|bleed|draw blood|break the skin))\b"
       rf"|\b{I} (?:[\w']+ ){{0,2}}?(?:scratch|scratched|scratching|rub|rubbed|rubbing|claw|clawed|clawing) {_OWN_BODY} (?:raw|off)\b"
       # ...on purpose, or to punish themselves: "i slammed my hand in the truck door on purpose", "i've basically stopped
       # eating on purpose, it feels like the one thing i get to punish myself with".
       rf"|\b{I} (?:[\w']+ ){{0,2}}?(?:slam|slammed|slamming|bang|banged|banging|bite|bit|biting|burn|burned|burnt|burning|"
       r"hit|hitting|punch|punched|punching|pinch|pinched|pinching|scald|scalded|scalding) (?:my (?:own )?(?:hand|hands|head|fingers?|"
       r"arms?|legs?|wrists?|thighs?|skin|knuckles|stomach))(?: [\w']+){0,5} (?:on purpose|deliberately|to punish myself|as (?:a )?punishment)\b"
       r"|\b(?:stopped eating|stop eating|not eating|skipping meals|skip meals|starving myself)[^.!?]{0,60}? "
       r"(?:on purpose|as (?:a |my )?punishment|to punish myself)\b",
       negatable=True, gate=r"\b(?:until|till|til|'til|hard enough|raw|skin off|on purpose|deliberately|punish\w*|punishment)\b"),
    _r("sui.took_pills", S, "behaviour",
       rf"{_MY_OWN_ACT}(?:took|swallowed|have taken|'ve taken|taken|downed) "
       r"(?:a (?:whole |full )?(?:bunch|handful|lot|load|bottle|box|pack|packet)|all|most|the (?:whole|entire|rest)|an (?:entire|whole)|"
       r"too many|way too many|like|over|about|\d+|twenty|thirty|forty|fifty|a hundred|dozens)(?: of)? ?(?:my |the |his |her )?"
       r"(?:[\w-]+'s )?(?:\w+ )?(?:pills|tablets|meds|medication|bottle|sleeping pills|painkillers|tylenol|paracetamol|advil|"
       r"ibuprofen|xanax|insulin|oxy|antidepressants)\b"
       # (not the day's dose taken as prescribed, nor pills carried somewhere: "i took all my tablets this morning like the
       # doctor said", "took a packet of paracetamol to work", "a load of paracetamol for my back")
       # (an overdose often names a purpose or a prescription: "...to end it", "...the doctor prescribed me": only a place,
       # a person or a routine rules it out)
       r"(?! (?:\w+ )?(?:to (?:work|school|uni|college|the (?:office|car|kitchen|bathroom|bedroom|cupboard|chemist|pharmacy)|"
       r"my (?:mum|mom|dad|nan|gran|sister|brother|bag|car|room|office|work)|mum|mom|dad|nan|gran)|round to|over to|"
       r"into (?:my|the|her|his) (?:bag|car|room|office)|back (?:to|from)|with me)\b)"
       r"(?![^.!?]*\b(?:like (?:the |my )?(?:doctor|gp|pharmacist) (?:said|says|told me)|as (?:prescribed|directed)|"
       r"for my (?:back|tooth|teeth|head|headache|cold|flu|cough|period|cramps|migraine|knee)|over the (?:week|month|weekend))\b)"
       # ...the pills said before, taken all at once: "just swallowed them all with my cup of tea", "have swallowed the lot",
       # "took everything i had." (not "it took everything i had not to scream", nor "i took them all to the park").
       rf"|{_MY_OWN_ACT}(?:swallowed|downed) (?:them all|all of them|the lot|the whole lot|"
       r"everything i had)\b(?! (?:of|up|in one|down my)\b)"
       rf"|(?:\bi |{SENTENCE_START})(?:just )?(?:took|have taken|'ve taken) (?:them all|all of them|the lot|the whole lot|everything i had)"
       r"(?=\s*(?:$|[.,!?;]))"),
    # ...or the medicine cabinet emptied into oneself: "i took everything in the medicine cabinet" (not "took everything
    # out of it to clean it", nor "...to the new house").
    _r("sui.took_the_cabinet", S, "behaviour",
       rf"{_MY_OWN_ACT}(?:took|swallowed|downed|have taken|'ve taken) (?:everything|all|whatever|what)(?: (?:there was|i could find|"
       r"that was|was|we had|i had))?(?: left)? in (?:the|my|our) (?:medicine|meds|bathroom|pill) (?:cabinet|cupboard|drawer|box|tin)\b"
       r"(?! (?:to|into|round to|over to|with me|back|out)\b)",
       gate=r"\b(?:medicine|meds|bathroom|pill) (?:cabinet|cupboard|drawer|box|tin)\b"),
    # An overdose taken, said so: "i took an overdose half an hour ago" is an attempt (and a medical emergency,
    # med.overdose), not an accident.
    _r("sui.took_an_overdose", S, "behaviour",
       rf"\b{I} (?:just |already )?(?:took|taken|had) an? (?:overdose|od)\b(?! (?:of (?:caffeine|sugar|coffee))\b)",
       gate=r"\b(?:overdose|od)\b"),
    # An attempt stopped by someone or something: "my little brother knocked on the bathroom door just as i was about to
    # take them", "i was halfway over the railing when my phone buzzed", "my bf grabbed the bottle off me before i could
    # take them", "my sister found my note before i'd done anything", "i'd started the car in the garage and my daughter
    # opened the door". Not a jump into the pool, a fence climbed, or a car warmed up.
    _r("sui.attempt_interrupted", S, "behaviour",
       # (what they were about to do said whole, not "go over the budget", "take them to school", "let go of the swing")
       r"\b(?:just as|right as|right when|just when|when|as|while) i(?: was| had|'d) (?:just )?(?:about|going|getting ready|ready) to "
       r"(?:take (?:(?:the|my|those|all (?:the|my)) (?:[\w-]+ )?(?:pills|tablets|meds|paracetamol|painkillers)\b|them(?=\s*(?:$|[.,!?;]|"
       r"and\b|but\b|when\b|then\b)))|(?:go over|step off) the (?:edge|ledge|side|railing|rail|roof|bridge|top)\b"
       r"|(?:go over|let go|step off)(?=\s*(?:$|[.,!?;]|and\b|but\b|when\b|then\b)))"
       r"|\bhalfway over the (?:railing|rail|barrier|parapet|edge|side of the bridge)\b"
       r"|\b(?:grabbed|took|snatched|pulled|yanked|wrestled|knocked) the (?:bottle|pills|tablets|packet|knife|blade|razor|rope|belt|gun) "
       r"(?:off|from|out of) (?:me|my hands?)\b[^.!?]{0,20}?\bbefore i could\b"
       r"|\bfound my (?:[\w-]+ )?(?:note|letter)s? before i(?:'d| had)? (?:done|did|could do) (?:anything|it)\b"
       r"|\bi(?:'d| had)? started the (?:car|engine) (?:in the (?:closed |shut )?garage|with the (?:garage )?door (?:shut|closed|"
       r"pulled down|down))\b(?! (?:to|so|while|for)\b)"
       r"|\bthe engine was running and (?:my|the) [\w-]+ (?:yanked|pulled|opened|flung|threw|ripped) (?:open )?the (?:car |garage )?door\b"
       # (at a height: "i was on the bridge by the retail park and i was about to jump and some guy grabbed my hood")
       # (not a swim or a dive)
       rf"|{_in_a_sentence_with(_A_DROP, but_not=_A_SWIM)}\bi(?: was| had|'d) (?:just )?(?:about|going|ready) to jump\b"
       r"(?! (?:in|into|on|onto|up|out of|over (?:the |a )?(?:fence|wall|puddle|gate|stream))\b)",
       negatable=True,
       gate=r"\b(?:about|going|getting ready|ready|halfway|before i could|before i'?d|before i had|started the|engine was running)\b"),
    # The way pictured or worked out: "on the platform thinking about stepping in front of the express", "thinking a lot about
    # walking into the sea and just carrying on", "i think about using it on myself", "i've worked out in my own head how i'd go
    # about it", "i look at the top of the parking garage and think about jumping". Not how one would do it better.
    _r("sui.method_pictured", S, "method",
       r"\b(?:think|thinking|thought|imagine|imagining|picture|picturing) (?:a lot |so much |all the time )?(?:about )?(?:stepping|"
       r"jumping|walking|throwing myself|stepping out) (?:out )?in front of (?:the|a|an) (?:[\w-]+ )?(?:train|express|bus|lorry|truck|"
       r"tube|tram|car)\b"
       r"|\b(?:think|thinking|thought|imagine|imagining|picture|picturing) (?:a lot |so much )?(?:about )?(?:walking|wading|swimming) "
       r"(?:out )?into the (?:sea|river|lake|water|waves)\b[^.!?]{0,30}?\b(?:(?:and )?(?:just )?(?:carrying on|keep going|keeping going|"
       r"not coming back|never coming back|not stopping))\b(?! (?:to|along|down|up|with|round|past|towards)\b)"
       r"|\b(?:think|thinking|thought|imagine|imagining) (?:about )?(?:using|turning) (?:it|them|that|those|the [\w-]+|his [\w-]+) on myself\b"
       r"|\b(?:picturing|imagining|worked out|working out|figured out|figuring out|thinking about|thought about|planned|planning)"
       r"(?: in my (?:own )?head)? how (?:i'd|id|i would|i could) (?:do it|go about it|go about doing it|end it)\b"
       r"(?! (?:differently|better|again|if|with|without|for|properly|right)\b)"
       rf"|{_in_a_sentence_with(_A_DROP + '|parking garage|multi-storey|building|tallest')}\b(?:think|thinking|thought) about "
       r"(?:jumping|going over)\b(?! (?:in|into|on|the (?:queue|gun|fence)|ship|at|up|"
       r"over the (?:fence|wall)|rope)\b)",
       negatable=True,
       gate=(r"\b(?:think|thinking|thought|imagine|imagining|picture|picturing|worked out|working out|figured out|figuring out|"
             r"planned|planning)\b")),
    # An attempt under way: in a closed garage with the engine running (carbon monoxide).
    _r("sui.attempt_now", S, "behaviour",
       rf"(?:\b{I}(?: just)? |{SENTENCE_START})(?:sitting |sat |lying )?in (?:the|my|our) (?:closed |shut |locked )?garage (?:[\w']+ ){{0,4}}?with the (?:car|engine|motor) (?:running|on)\b"
       r"(?! (?:to|while|so) (?:keep |stay )?(?:warm|defrost|charge|fix|clear|let))"
       rf"|(?:\b{I}(?: just)? |{SENTENCE_START})(?:sitting |sat |lying )?in (?:the|my|our) car in (?:the|my|our) (?:closed |shut )?garage (?:[\w']+ ){{0,4}}?with the "
       r"(?:engine|motor) (?:running|on)\b(?! (?:to|while|so) (?:keep |stay )?(?:warm|defrost|charge|fix|clear|let))", negatable=True,
       gate=r"\bgarage\b"),
    _r("sui.means_ready", S, "plan",
       rf"\b(?:{I}|got|have|bought|saved|saving|stockpil\w*|hoard\w*|collect\w*|stashed|hidden|hid)(?: got| have| bought| saved| been saving| been stockpiling)?(?: up)? "
       r"(?:all |enough |a |the |some |my )?(?:pills|meds|medication|rope|noose|razors?|blades?|gun|bullets?|"
       r"sleeping pills|painkillers)(?: \w+){0,4} (?:ready|for tonight|for later|to end|to do it|for when|set aside|lined up)\b"
       r"|\b(?:saving|stockpiling|hoarding|collecting|saved|stockpiled|hoarded) (?:up )?(?:my |all my |enough )?(?:pills|meds|medication|sleeping pills|painkillers|"
       r"tablets)\b"
       r"|\b(?:collecting|saving|keeping|hiding|putting aside|setting aside) (?:up )?(?:my |the )?(?:[\w-]+ )?(?:pills|tablets|meds) instead "
       r"of taking them\b|\bbuilding up (?:my |a (?:stock|supply|stash) of (?:my )?)(?:[\w-]+ )?(?:pills|tablets|meds|paracetamol|painkillers)\b"
       r"|\b(?:bought|got|have|found) a (?:hose|pipe|tube) (?:that|which|to) fits? (?:the|my) (?:car|exhaust)\b(?! (?:wash|washer|vacuum|tyres?))"
       r"|\b(?:tied|made|bought|got) (?:a|the) noose\b"),
    _r("sui.goodbye_letters", S, "plan",
       rf"\b{I} (?:\w+ )?(?:wrote|written|writing|write|left|leaving|finished) (?:a |my |the )?(?:suicide|goodbye|farewell|last) "
       r"(?:note|notes|letter|letters|message)\b"
       r"|\bwrote (?:goodbye|farewell) (?:letters|notes)\b"
       # Who would find them: "the plan is to do it when the kids are at their dad's so they're not the ones to find
       # me", "what stopped me was thinking about who would find me".
       r"|\b(?:the ones?|the person|who|whoever) (?:(?:to|who|that) |would |will |'d |'ll |(?:who|that) would )?(?:have to )?finds? me\b"
       r"(?! (?:a|an|the|some|on|at|in|when|if|something|someone|anything|work|jobs?|help|interesting|attractive|funny)\b)"

       r"|\b(?:giving|gave|give) away (?:all )?(?:my|of my) (?:stuff|things|belongings|possessions|pets?)\b"),
    # Affairs put in order for after, said sideways (C-SSRS preparatory acts): a preparatory act (belongings or a pet
    # given away, papers, bills and passwords arranged, notes, letters and recordings made) in one sentence with what
    # says the writer means not to be there ("told him i wouldn't be needing it", "she doesn't know the real reason",
    # "they think i'm decluttering", "so it's all his before i go"). Not in a sentence that gives an ordinary reason for it: an
    # age, an illness, an operation, a trip or a posting, a baby, a move (a will written "in case anything happens on
    # the trip", the tools given away "since he moved into the flat").
    _r("sui.preparing", S, "plan",
       rf"{_FOR_NO_ORDINARY_REASON}\b(?:{_PREPARATORY_ACT})\b[^.!?]*?\b(?:{_NOT_TO_BE_THERE})"
       rf"|{_FOR_NO_ORDINARY_REASON}\b(?:{_NOT_TO_BE_THERE})[^.!?]*?\b(?:{_PREPARATORY_ACT})\b",
       negatable=True, gate=(_NOT_TO_BE_THERE_WORDS, _NOT_TO_BE_THERE, rf"\b(?:{_PREPARATORY_ACT})\b")),
    # A last message left for the family, in the past tense: "tell my daughter i loved her, will you?", "please tell my
    # kids i loved them. always.", "tell the boys their dad loved them". Not a present liked ("tell mum i loved the
    # flowers", "...i loved her drawing"), nor a fear before an operation or a flight ("if anything happens", "in
    # case"): the learned layers read those.
    _r("sui.goodbye_left", S, "plan",
       rf"{_NO_FEAR_BEFORE_A_RISK}\btell (?:my|our|the|his|her) (?:[\w'-]+ ){{0,2}}?"
       rf"(?:{FAMILY_NOUN}|{PARENT_NOUN}|{CHILD_NOUN}|{PARTNER_NOUN}|family|boys|girls|little ones)s? (?:that )?(?:i|their (?:mum|mom|mam|dad|mother|father|nan|gran|grandad|grandma)|"
       r"mummy|daddy) (?:always |really |truly )?loved (?:them|her|him|you)(?: all| both| so much| more than \w+)?"
       r"(?=\s*(?:$|[.,!?;:]|and (?:i'm|i am|that)\b|always\b|no matter\b))",
       gate=r"\btell\b"),
    # ...or two of them at once, which only a leaving needs: "i've started giving my things away and writing letters to the
    # kids" (not before a move).
    _r("sui.preparing_twice", S, "plan",
       rf"{_FOR_NO_ORDINARY_REASON}\b(?:giv\w*|gave) (?:away )?(?:all |most )?(?:of )?my "
       r"(?:things|stuff|belongings|possessions|clothes)(?: away)?\b[^.!?]{0,40}?\b(?:and|then|,) (?:started |been |i've been |i'm )?"
       r"(?:writing|wrote|written) (?:[\w']+ ){0,2}?(?:letters|notes|goodbyes?|a will|my will)\b"
       rf"|{_FOR_NO_ORDINARY_REASON}\b(?:writing|wrote|written) (?:[\w']+ ){{0,2}}?(?:letters|notes|"
       r"goodbyes?|a will|my will)\b[^.!?]{0,60}?\b(?:and|then|,) (?:started |been |i've been |i'm )?(?:giv\w*|gave) (?:away )?(?:all |most )?"
       r"(?:of )?my (?:things|stuff|belongings|possessions|clothes)\b",
       negatable=True, gate=(r"\b(?:giv\w*|gave)\b", r"\b(?:writing|wrote|written)\b")),
    # Affairs put in order, told by what only a death would need: "a letter to the coroner", "don't open it till after",
    # "so there's no arguing when they find me", "i wanted that to be the last thing they heard from me", the life
    # insurance past its waiting period, pills bought from three different chemists.
    _r("sui.affairs_told", S, "plan",
       r"\b(?:letter|note) (?:to|for) the coroner\b|\b(?:don't|do not|dont) open it (?:till|until|before) after\b(?=\s*(?:$|[.,!?;]))"
       # (who finds them, as what the arranging is for: "so there's no arguing when they find me"; not "i'm scared of what
       # happens when he finds me", which is someone the writer hides from)
       rf"|{_NOT_IN_FEAR}"
       r"\b(?:so|before|for)\b[^.!?]{0,40}?\bwhen (?:they|someone|somebody|the kids|you) finds? me\b(?=\s*(?:$|[.,!?;]))"
       r"|\b(?:want|wanted) (?:that|it|this|those|these) to be the last (?:thing|words?) (?:they|she|he|you|the kids|the boys|the girls|my \w+) "
       r"(?:heard|hear|will hear|would hear|ever hear) from me\b"
       r"|\b(?:deleting|deleted|delete) (?:all )?(?:the )?(?:photos|pictures|ones) (?:of me|i'm in|im in|with me in)\b[^.!?]{0,40}?"
       r"\b(?:easier|afterwards|after)\b"
       r"|\b(?:past|after|out of) the (?:waiting|exclusion) period\b|\bpays out (?:either way|even if)\b"
       r"|\bi(?:'ve)? (?:got|bought|collected|picked up|been buying|been getting) (?:the |some |more |my )?(?:pills|tablets|paracetamol|"
       r"painkillers) from (?:three|four|five|several|different|a few|two) (?:different )?(?:chemists|pharmacies|shops|stores)\b"
       r"(?![^.!?]*\b(?:shortage|out of stock|because|cos)\b)"
       r"|\b(?:rope|pills|tablets|gun|blade|razor)\b[^.!?]{0,60}?\bwhere (?:[\w']+ ){1,2}?(?:won't|wont|will never) look\b"
       r"|\b(?:for )?someone who (?:won't|wont|will not) be (?:here|around)(?=\s*(?:$|[.,!?;]))"
       r"|\b(?:wrote|written|writing|signed) (?:[\w']+ ){0,3}?(?:birthday )?cards for the next (?:\w+ )?years\b"
       r"|\b(?:said|saying) (?:my )?goodbyes?\b[^.!?]{0,60}?\b(?:didn't|did not|don't) know (?:that's|that was|it was) (?:what it was|goodbye)\b",
       gate=r"\b(?:coroner|open it|finds? me|to be the last|delet\w*|waiting period|exclusion period|pays out|chemists|pharmacies|"
            r"(?:different|three|four|five|several|few|two) (?:chemists|pharmacies|shops|stores)|won't look|wont look|will never look|"
            r"who (?:won't|wont|will not) be|cards for the next|goodbyes?)\b"),
    # An attempt broken off at a height, on the tracks or in the water, told by what ended it: "i stood at the edge until
    # security came by", "let three trains go by before i turned around", "the only thing that got me down was my cat",
    # "i honestly don't know why i got back in". Not a walk turned back by the rain or a platform too full to board.
    _r("sui.stopped_at_the_edge", S, "behaviour",
       rf"{_NOT_FOR_A_VIEW_OR_A_CHORE}(?:\bi (?:[\w']+ ){{0,4}}?|{SENTENCE_START}){_AT_THE_EDGE}[^.!?]{{0,140}}?\b(?:{_WHAT_ENDED_IT})"
       r"(?![^.!?]{0,50}\b(?:because|cos|coz|cause|as it was|rain\w*|closed|busy|crowded|packed|full|traffic|too (?:cold|dark|late|windy))\b)",
       negatable=True,
       gate=(r"\b(?:bridge|roof|rooftop|balcony|railing|ledge|cliff|edge|overpass|tracks|platform|crossing|quarry|parking garage|"
             r"car park|river|lake|sea|pier)\b",
             r"\b(?:climbed|stepped (?:back|off)|got back in|stopped me|only (?:thing|reason|one)|until|till|when|then|trains? go|"
             r"counted to|know why i|before i|but i didn't|lost my nerve|chickened out|talked me)\b")),
    # The means in position, which is an attempt begun whatever follows: a gun under the chin or to the head, a blade
    # held against the wrist, a hose on the exhaust, a leg over the railing "ready to let go", "waiting for a lorry to
    # step out in front of", "walked into the sea not meaning to come back". Not a barber's razor on the neck, nor legs
    # dangled over the pier.
    _r("sui.means_in_position", S, "behaviour",
       rf"(?:\bi (?:(?!could|would|might|should|can|will|wanna|want|wish|need|{_ANOTHER_SUBJECT})[\w']+ ){{0,2}}?"
       r"(?:put|held|had|pressed|pointed|stuck|"
       r"sat with|was holding)|\b(?:with|had))(?: [\w']+){0,3}? "
       r"(?:gun|rifle|shotgun|pistol|barrel|revolver|it|one) (?:under my chin|to my (?:head|temple)|in my mouth|against my (?:head|temple|chest))\b"
       rf"|\bi (?:(?!{_ANOTHER_SUBJECT})[\w']+ ){{0,2}}?(?:had|held|put|pressed|was holding|was pressing) (?:the|a|my) "
       r"(?:blade|razor|knife) (?:against|to|on|into) "
       r"my (?:wrists?|throat|neck)\b"
       r"|\b(?:hose|pipe|tube) (?:taped |attached |fixed |running )?(?:to|from|into|on) the exhaust\b"
       r"|\b(?:one leg|a leg|both legs|my legs) over(?: the)? (?:rail|railing|edge|side|barrier|parapet|ledge)\b[^.!?]{0,40}?"
       r"\b(?:to (?:drop|jump|go|let go)|ready to|about to)\b"
       r"|\b(?:edge|ledge|railing|rail|side|roof|bridge|overpass|balcony|cliff)\b[^.!?]{0,60}?\b(?:about|ready) to let go\b"
       r"(?=\s*(?:$|[.,!?;]|and\b))"
       r"|\b(?:waiting|waited) for (?:a|the) (?:[\w-]+ )?(?:lorry|truck|train|bus|one|express)(?: [\w']+){0,3} to (?:step|walk|jump) "
       r"(?:out )?in front of\b"
       r"|\bleaned (?:right )?over the (?:edge|railing|rail|side) to (?:go|jump|drop)\b"
       r"|\bclimbed (?:over |onto |up )?the (?:railing|barrier|parapet|fence|rail|wall)\b[^.!?]{0,40}?\bto (?:jump|drop|go)\b"
       r"|\b(?:walked|waded|went) (?:out )?into the (?:sea|river|lake|water|waves|reservoir)\b[^.!?]{0,40}?\b(?:up to|past) my (?:chest|neck|"
       r"chin|waist|shoulders)\b[^.!?]{0,40}?\b(?:chickened out|lost my nerve|dragged myself|not meaning)\b"
       r"|\bi (?:drove|pulled) (?:onto|on to) the (?:level crossing|tracks|railway line|crossing)\b[^.!?]{0,30}?\b(?:stopped|waited|sat)\b"
       rf"|{_BY_A_DROP}\bmy pockets full of (?:stones|rocks)\b"
       r"|\bthe only reason i'?m (?:still )?(?:here|alive) is (?:that )?(?:a|an|the|my|some|this|[a-z]+) (?:[\w']+ ){0,3}?(?:walked|came|rang|"
       r"called|stopped|saw|turned up|showed up|pulled up|knocked)\b"
       r"|\b(?:walked|waded|went) (?:out )?into the (?:sea|river|lake|water|waves)\b[^.!?]{0,40}?\bnot meaning to come back\b"
       r"|\baiming (?:the car |the ute |the truck )?(?:for|at) (?:a|the) (?:tree|wall|pillar|barrier|bridge|lorry|truck)\b"
       r"(?=[^.!?]{0,40}\b(?:speed|swerved|last second|foot down)\b)",
       negatable=True,
       gate=(r"under my chin|to my head|to my temple|in my mouth|against my|blade|razor|knife|exhaust|legs? over|to let go|in front of|"
             r"leaned|climbed|not meaning|up to my|past my|onto the|on to the|pockets full|only reason|aiming")),
    # The only thing that stopped them, told of a day: "the only thing that stopped me last month was realising my son's
    # birthday was the next day". Not "the only thing that stopped me (from leaving him) was the kids", said of no day.
    _r("sui.what_stopped_me", S, "behaviour",
       r"\bthe only (?:thing|reason|one)(?: that)? (?:stopped|kept|held|pulled) me(?: back)? (?:last (?:night|week|month|year|time|"
       r"weekend|summer|winter|spring|autumn|fall|christmas)|that (?:night|day|time)|on (?:monday|tuesday|wednesday|thursday|friday|"
       r"saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: night)?|yesterday|the other night|"
       r"tonight|this (?:morning|afternoon|evening))(?: was| were|,)",
       negatable=True, gate=r"\bthe only (?:thing|reason|one)\b"),
    # An attempt told in passing, by what followed it: "they pumped my stomach at christmas", "i've tried twice before,
    # once at 16 and once after my son was born", "i swallowed a few and then panicked and threw them up". Not a stomach
    # pumped after bad mushrooms or a night's drinking, nor a diet or IVF tried twice.
    _r("sui.attempt_told", S, "behaviour",
       r"\b(?:(?:they|the doctors?|the hospital|paramedics|the paramedics|the nurses|a&e|the er|they had to) (?:had to )?pump(?:ed)? my stomach"
       r"|(?:had|got) my stomach pumped)\b"
       r"(?![^.!?]{0,80}\b(?:mushrooms?|berries|food|poison\w*|drunk|drinking|drink|vodka|alcohol|booze|party|ate|eating|"
       r"accident\w*|swallowed (?:a|the) (?:coin|battery|magnet)|dodgy|kebab|curry|chicken|prawns|oysters|seafood|takeaway|meal|"
       r"shots|tequila|whisk(?:e)?y|gin|rum|cider|fresher\w*|stag|hen)\b)"
       r"|\b(?:i've|ive|i have|i) (?:tried|attempted) (?:it )?(?:twice|two times|three times|once|a few times|a couple of times|"
       r"several times|before)(?: before)?,? (?:once|the first time|first) (?:at \d\d?\b|when i was|in (?:my|\d{4})|after)\b"
       r"(?![^.!?]*\b(?:to (?:get|talk|quit|stop|lose|make|convince|leave|fix|save|reach|tell|ask)|counsel\w*|therapy|diet\w*|"
       r"smoking|ivf|conceiv\w*|pregnan\w*|rehab|sober|driving test|test|exam)\b)"
       r"|\bi swallowed (?:about |around )?(?:a few|some|a handful|half (?:of )?(?:them|the \w+)|a couple)(?: of them)?,? (?:and )?then "
       r"(?:panicked|threw (?:them )?up|made myself (?:sick|throw up)|called|rang)\b"
       # ...by where it led or what it left: "the nurses on the psych unit after i tried", "the last time i tried, i ended
       # up on a ventilator", "the scar from when i tried in year 10", "four days in icu after what i did", "woke up in the
       # ambulance after the pills", "raj found me after i'd taken the lot", "a 72-hour hold after i climbed the railing".
       # Not "the last time i tried, he walked off" (tried to talk) nor "when i tried to get the doctor to listen".
       r"|\b(?:since|after|from|the time|the night|the day|the year|when|the (?:last|first|second) time) i(?:'d| had)? (?:tried|attempted)\b"
       r"(?! (?:to (?!kill|end|take my|overdose|jump|drown|hang|go through)|out|it\b|on|for|a|an|the|my|his|her|our|their|every|"
       r"everything)\b)[^.!?]{0,80}?\b(?:hospital|ambulance|icu|intensive care|ventilator|psych\w*|ward|sectioned|a&e|paramedics|"
       r"found me|meds|medication|scars?|stomach|nurses|therapist|psychiatrist|on edge|watching me|share my location|forgiven|"
       r"ashamed)\b"
       r"|\bthe (?:first|last) time i tried,? i was (?:only |just )?\d{1,2}\b"
       r"|\b(?:scars?|marks?) (?:on my [\w']+ )?(?:(?:is|are|was|were|come|comes) )?from (?:when|the time|the year|the night|the day) i "
       r"(?:tried|did it|attempted)\b(?! to (?!kill|end|take my|overdose|drown|hang|go through|jump (?:off|from|in front)))"
       r"|\b(?:icu|intensive care|hospital|a&e|psych\w*|ward|sectioned)\b[^.!?]{0,50}?\bafter what i did\b"
       r"|\b(?:woke|woken|waking|wake) up in (?:the |an? )?(?:ambulance|icu|intensive care|hospital|a&e|resus)\b[^.!?]{0,20}?\bafter (?:the pills|"
       r"the overdose|swallowing|taking|i(?:'d)? (?:took|taken|swallowed)|what i did)\b"
       r"|\bfound me\b[^.!?]{0,40}?\bafter i'?d (?:tried|taken|swallowed|done it)\b"
       r"|\bfound me in the (?:garage|car|bath|shed)\b[^.!?]{0,30}?\b(?:engine|car) running\b"
       r"|\bi (?:jumped (?:off|from)|drove (?:into|off)|crashed (?:into|the car)|walked into (?:the )?(?:sea|river|traffic|lake)|"
       r"stepped (?:out )?in front of)\b[^.!?]{0,40}?\bon purpose\b"
       r"|\bi (?:drank|swallowed) (?:the |some )?(?:weed ?killer|bleach|pesticide|antifreeze|paraquat|poison)\b"
       r"|\b(?:sectioned|72[- ]hour hold|psych(?:iatric)? hold|involuntary hold)\b[^.!?]{0,30}?\bafter i (?:walked|jumped|took|tried|"
       r"swallowed|drank|drove|climbed|cut)\b"
       # ...or said to be meant: "last autumn i walked into the sea one night and meant it", "i took the tablets and i
       # meant it" (not "i said sorry and meant it")
       r"|\bi (?:walked|waded|went|swam) (?:out )?into the (?:sea|water|river|lake|ocean|waves|surf)\b[^.!?]{0,60}?\band (?:i )?meant it\b(?! (?:to|as|for)\b)"
       r"|\bi (?:took|swallowed|downed) (?:the |all the |all my |my |a load of |a bunch of |a handful of |a lot of |loads of )?"
       r"(?:pills|tablets|painkillers|paracetamol|sleeping pills)\b[^.!?]{0,60}?\band (?:i )?meant it\b(?! (?:to|as|for)\b)"
       r"|\bi stepped (?:off|out in front of)\b[^.!?]{0,60}?\band (?:i )?meant it\b(?! (?:to|as|for)\b)",
       negatable=True,
       gate=r"\b(?:pump\w*|tried|attempted|swallowed|what i did|(?:woke|woken|waking|wake) up|found me|on purpose|drank|sectioned|hold|"
            r"meant it)\b"),
    # Intent said sideways, with a time or a decision: "i'm not going to be around for the harvest this year, i've
    # decided that much", "i'm not gonna be here for my birthday and i'm weirdly ok with that". Not where the sentence
    # gives a reason to be away (a trip, a shift, a holiday at the in-laws').
    _r("sui.intent_told", S, "intent",
       rf"{_NO_REASON_TO_BE_AWAY}\b(?:won't|wont|will not|am not going to|'m not going to|'m not gonna|not going to|not gonna) be (?:here|around)"
       r"(?: for [^.!?,]{1,40}?)?(?:,? (?:and )?(?:i've|i have) (?:decided|made my peace)(?: (?:that much|with (?:it|that)))?|"
       r",? and (?:i'?m|i am) (?:weirdly |strangely |oddly |honestly |actually |kind of |kinda )?(?:ok|okay|fine|calm|at peace|"
       r"alright) with (?:that|it))(?=\s*(?:$|[.,!?;]))",
       negatable=True,
       gate=(r"\bbe (?:here|around)\b", r"\b(?:i've|i have) (?:decided|made my peace)\b|\b(?:ok|okay|fine|calm|at peace|alright) with "
             r"(?:that|it)\b")),
    # ...going to join the one who died: "after the funeral i'm going to join dad, i've got it all worked out".
    _r("sui.intent_join", S, "intent",
       r"\b(?:going to|gonna|want to|wanna|ready to|i'll|i will) (?:go and |finally )?(?:join|be with) (?:her|him|them|mum|mom|dad|nan|"
       r"gran|grandad|grandpa|grandma|my (?:wife|husband|son|daughter|mum|mom|dad|mother|father|brother|sister|boy|girl|baby|love))"
       r"(?: again)?(?:,? (?:i've|i have) (?:thought it through|decided|made my (?:mind up|peace)|got it all worked out|worked it (?:all )?out)|,? soon|,? wherever (?:she|he|they) (?:is|are)| in heaven|"
       r" on the other side| up there)\b",
       negatable=True, gate=r"\b(?:join|be with)\b"),
    # ...not alive for it, not to see a birthday: "don't book me on the holiday, i won't be alive for it", "i wont see my
    # 18th", "im not going to be around for exams, not alive anyway" (not a joke about the far future: "i won't be alive
    # to see the sun burn out", "...for the last payment")
    _r("sui.intent_alive", S, "intent",
       r"\b(?:i (?:won't|wont|will not|will never|am not going to|am not gonna|am not)|i'?m not going to|i'?m not gonna|i'?m not) be alive "
       r"(?:for it|for (?:christmas|easter|my birthday|her birthday|his birthday|my \d+(?:st|nd|rd|th)|the (?:wedding|holiday|weekend|"
       r"results|funeral|baby))|"
       r"by (?:then|the weekend|next week|friday|saturday|sunday|monday|christmas)|to (?:deal with|face) (?:it|the fallout|any of it)|"
       r"much longer|next week)\b|\bnot alive anyway\b"
       rf"|{_NO_REASON_TO_BE_AWAY}\b(?:i (?:won't|wont|will not|will never|am not going to|am not gonna)|i'?m not going to|i'?m not gonna) "
       r"(?:see|make it to|reach|"
       r"live to see) my (?:\d+(?:st|nd|rd|th)|next birthday)\b(?! (?:party|do|dinner|bash|celebration|drinks|birthday party|without|unless|"
       r"if|in|at|sober)\b)",
       negatable=True, gate=r"\balive\b|\b(?:see|make it to|reach|live to see) my\b"),
    # ...a time set, said sideways: "i bought the stuff i need, i just haven't picked which night", "so nobody's home when i
    # do it" (not the drilling or a surprise done while the house is empty), "i've set a date to go", "i'll slip away for
    # good", "checking out of this life", "on my own terms" (not of a job), "there'll be no me to move".
    _r("sui.intent_set", S, "intent",
       r"\b(?:bought|got|have|ready|sorted)\b[^.!?]{0,60}\b(?:haven't|have not|not|yet to) (?:yet )?(?:picked|chosen|decided|set) "
       r"(?:which|what) (?:night|day|date)\b(?! (?:for|to)\b)"
       rf"|{_NOT_A_CHORE_OR_A_SURPRISE}\bso (?:nobody|no one|no-one)(?:'s| is| will be)? (?:home|here|"
       r"around|in) when i do it\b"
       r"|\b(?:set|picked|chosen|chose) a (?:date|day) to go\b(?=\s*(?:$|[.,!?;]|and\b))"
       r"|\b(?:slip(?:ping)? away|(?:be )?out of this world) (?:for good|permanently|forever|for ever)\b|\bcheck(?:ing)? out of (?:this )?life\b"
       r"|\b(?:going|go) on my own terms\b(?![^.!?]*\b(?:notice|job|work|retir\w*|boss|restructur\w*|company|contract|career|"
       r"redundan\w*)\b)"
       r"|\bstop(?:ping)? being (?:everyone's|anyone's|everybody's|a|their|your) (?:problem|burden),? (?:permanently|for good|forever)\b"
       r"|\bthere(?:'ll| will) be no me\b|\b(?:going to|gonna|i'll|i will) (?:just )?stop existing\b"
       r"|\b(?:decided|made up my mind)(?: that)? i'?m not (?:waking up|going to wake up)\b"
       r"|\b(?:i'?m|im|i am) not going to (?:carry on|keep) living\b|\bwon't be here at all\b"
       r"|\b(?:i'?m|im|i am) done for good\b(?! with)(?=[^.!?]{0,30}\b(?:decided|made up my mind|planned|ready)\b)"
       rf"|{_NO_REASON_TO_BE_AWAY}\b(?:will be|is|'s) (?:my|the) last (?:one|christmas|easter|birthday|summer)(?: i spend)? with (?:you all|"
       r"you guys|all of you|everyone|the kids|my family)\b",
       negatable=True,
       gate=r"\b(?:which (?:night|day|date)|when i do it|a (?:date|day) to go|slip(?:ping)? away|out of this world|out of (?:this )?life|"
            r"own terms|stop(?:ping)? being|no me|stop existing|not (?:waking up|going to wake up)|(?:carry on|keep) living|here at all|"
            r"done for good|last (?:one|christmas|easter|birthday|summer))\b"),
    # A means or a place dwelt on, in everyday words (C-SSRS method): "i keep looking at the beam in the barn and thinking
    # it'd hold", "i picture stepping off the platform", "i think about how i'd make it look like a fall", "sliding under
    # and not coming back up", "i practiced tying it with a belt, just to see", "mostly i sit and look at the shotgun".
    # Not the beam that would hold the swing, nor a gun looked at in the shop.
    _r("sui.means_dwelt_on", S, "method",
       r"\b(?:slid\w*|slipping|slip|sink\w*|sank|go(?:ing)?|went) under(?: the water)?,? and (?:just )?(?:not|never) (?:coming|come|came|"
       r"comes) (?:back )?up\b"
       r"|\b(?:think|thinking|thought|wonder\w*|plan\w*|work\w* out) (?:about )?how (?:i'd|i would|i could|i'll|i will|to) make it look "
       r"like (?:an? )?(?:accident|fall|heart attack|crash|natural causes)\b"
       r"|\b(?:wonder\w*|ask\w*|think\w*) (?:if|whether) (?:anyone|anybody|they|people|the police|the insurance(?: company)?|my (?:wife|"
       r"husband|family|kids)) would (?:ever )?(?:know|guess|think|figure out|realise|realize|suspect|find out) (?:it was|i did it|i'd done "
       r"it) (?:on purpose|deliberate\w*)\b"
       r"|\b(?:look\w*|star\w*|eye\w*|check\w*) (?:up )?at (?:the|that|a) (?:[\w-]+ )?(?:beam|rafters?|banisters?|loft hatch|hook|branch|"
       r"joist)\b[^.!?]{0,40}?\b(?:it'd|it would|it will|it'll|whether it(?:'d| would)|if it(?:'d| would)) hold\b"
       r"(?! (?:the|a|an|up|us|them|two|everything|all|it|our|his|her|their)\b)"
       r"|\b(?:picture|picturing|imagine|imagining|think about|thinking about|thought about|fantasi[sz]\w* about) (?:just )?(?:stepping|"
       r"step|stepped|walking|leaning|falling) (?:off|out|forward)(?: (?:off|onto|into|in front of))? (?:the |a )?(?:platform|edge|ledge|"
       r"kerb|curb|tracks|traffic|train|bus|lorry|truck)\b"
       r"|\bpracti[cs](?:ed|ing|e) (?:tying|making) (?:it|a noose|one)\b[^.!?]{0,30}\b(?:belt|scarf|cord|dressing gown|just to see)\b"
       r"|\bi (?:[\w']+ ){0,3}?(?:sit|sat|sitting) (?:and )?(?:look|looking|stare|staring) at (?:the|my|his|dad's|my dad's) (?:gun|rifle|"
       r"shotgun|pistol|revolver)\b"
       r"|\b(?:sit|sat|sitting) with (?:it|the (?:gun|rifle|shotgun|pistol))(?: [\w']+){0,3} longer than i (?:need|should|have) to\b",
       negatable=True,
       gate=r"\b(?:under|make it look|on purpose|deliberate\w*|hold|stepping|step|stepped|walking|leaning|falling|practi[cs]\w*|"
            r"look|looking|stare|staring|longer than)\b"),
    _r("sui.means_enough", S, "method",
       # ...whether it would be enough, or work: "whether taking the whole lot would do it", "if it would be enough to not
       # wake up", "the belt on the back of my door and the hook, and thinking it would work", "the joists up there and
       # thinking about a rope"
       r"\b(?:whether|if) (?:taking |swallowing )?(?:the whole lot|all of (?:them|it)|them all|the lot)(?: [\w']+){0,3}?(?: would| will|'d) "
       r"(?:do it|be enough|kill|work)\b(?! (?:for|to|with|on|in)\b)|\b(?:would|will|'d) be enough to (?:not wake up|never wake up|die|"
       r"kill me|do it|end it)\b"
       r"|\b(?:belt|hook|rope|cord|beam|joists?|rail|banister)\b[^.!?]{0,60}?\bthinking (?:about )?(?:it|that|they) would (?:work|hold|"
       r"do it|do the job)\b|\b(?:loft hatch|joists?|beam|rafters?|banister|hook)\b[^.!?]{0,60}?\bthinking (?:about|of) (?:a|the) "
       r"(?:rope|belt|cord)\b",
       negatable=True,
       gate=r"\b(?:whole lot|all of (?:them|it)|them all|the lot|enough to|thinking (?:about |of )?(?:it|that|they|a|the))\b"),
    _r("sui.means_drop", S, "method",
       # ...going over, at a height or by the water: "looking at the bridge and picturing going over the side", "all i can
       # think about on the clifftop walk is going over", "picturing myself just standing there and not moving" (not "walking
       # in the sea on holiday")
       rf"{_BY_A_DROP}\b(?:picture|picturing|imagine|imagining|thinking about|think about|thought about|all i can think about"
       r"(?: [\w']+){0,4}? is) (?:myself )?(?:just )?(?:going over|going off the (?:edge|side|top)|dropping(?! (?:my|the|a|his|her|it|them|"
       r"off)\b)|stepping off(?! (?:the|a) (?:boat|bus|train|plane|ferry|kerb|curb)\b)|jumping(?! (?:the|a|in|into|on|up|over)\b)|"
       r"falling(?! (?:asleep|over|out|for|in love|behind|apart)\b)|going under|(?:standing there )?(?:and )?not moving|(?:walking|wading) (?:in|into \w+) and (?:letting|not|never|keep))\b",
       negatable=True,
       gate=(r"\b(?:picture|picturing|imagine|imagining|think about|thinking about|thought about|all i can think about)\b",
             rf"\b(?:{_A_DROP})\b")),
    # ...a way out, a place, the means thought of all day: "the quickest way out for me", "the quarry would be the place to
    # go", "i think about taking them all day", "how i wouldn't brake", "dad's gun in the safe and i know the code".
    _r("sui.means_thought", S, "method",
       r"\b(?:quickest|easiest|simplest|surest) way out\b(?! (?:of|is|through|from)\b)"
       r"|\b(?:quarry|bridge|cliff|river|lake|tracks|crossing|gorge|dam|car park|motorway)\b(?: [\w']+){0,4}? would be the (?:place|spot)\b"
       r"(?: to (?:go|do it))?(?=\s*(?:$|[.,!?;]))"
       r"|\b(?:think|thinking|thought) about taking (?:them|it|the lot|the whole lot|all of them|them all|(?:way )?too (?:much|many))"
       r"(?: all)?(?: day| night| at once| together| on purpose| all day)?(?=\s*(?:$|[.,!?;]|and\b))"
       r"|\b(?:think|thinking|thought) about my wrists?\b|\bhow i (?:wouldn't|would not|won't) brake\b|\bjust let go of the wheel\b"
       r"|\bhow easy (?:one|a single) step (?:forward|off|over) would be\b"
       r"|\bhow easy it would be to (?:just )?(?:step (?:off|forward|out)|jump|go over|let go|walk in|drive off)"
       r"(?:(?: the)? (?:edge|ledge|roof|bridge|platform|balcony|cliff|side))?(?=\s*(?:$|[.,!?;]|and\b))"
       r"|\b(?:thinking|think|thought) about (?:[\w']+ ){0,3}?(?:gun|rifle|shotgun|pistol)\b[^.!?]{0,40}?\b(?:i know the (?:code|combination)|"
       r"where the key is)\b"
       r"|\b(?:googl\w*|read\w*|look\w* up|search\w*) (?:about |up )?(?:which|what) (?:of )?(?:my )?(?:meds|pills|medications|tablets) "
       r"(?:are )?(?:dangerous|lethal|fatal|deadly)\b|\bgoogl\w* (?:about )?(?:cars and )?(?:closed|shut) garages\b"
       rf"|{_WITH_A_MEANS}\b(?:is|are|it's|its) "
       r"all i (?:can )?think about\b"
       r"|\b(?:use|using) (?:it|them|the blade|the razor) properly (?:this time|next time)\b"
       r"|\b(?:pesticide|weed ?killer|bleach|paraquat|antifreeze|pills|tablets|rope|gun|rifle|going over|clifftop|bridge)\b[^.!?]{0,60}?"
       r"\b(?:it|that) would be (?:easy|quick|painless)\b(?! to\b)",
       negatable=True,
       gate=(r"way out|would be the (?:place|spot)|about taking|about my wrist|brake|let go of the wheel|step (?:forward|off|over) would|"
             r"how easy it would|the code|the combination|where the key is|dangerous|lethal|fatal|deadly|garages|all i (?:can )?think about|"
             r"properly|would be (?:easy|quick|painless)")),
    # Someone else at risk, told by the one who loves them: "my son told me he wants to die", "my wife has been
    # cutting herself", "my daughter tried to kill herself last night". A family coach hears these from a frightened
    # parent or partner: the reply helps the writer help them (reply.py), and on-call hears of a person at risk.
    # Not a story that is over ("my brother was suicidal in his twenties, he got help"), not a denial ("I don't think
    # she's suicidal"), not a figure of speech ("he'll kill himself laughing"), and not a threat made to control the
    # writer ("he says he'll kill himself if I leave": that is abuse, below).
    _r("sui.other.wish", S, "wish_to_be_dead",
       rf"\b{OTHER} {OTHER_FILL}(?:wants|wanted|wishes|wished|want|wish) (?:to )?(?:die|be dead|stop existing|not exist|"
       r"not be alive|disappear forever|go to sleep and not wake up|never wake up)\b"
       r"(?! (?:on|for|of|laughing|happy|old|alone|in (?:peace|his sleep|her sleep|their sleep|my arms)|at home|before|"
       r"(?:his|her|their|my|the) (?:hair|roots|beard|shirt|clothes|jeans|nails))\b)"
       rf"|\b{OTHER} (?:wishes|wished) (?:that )?(?:he|she|they)(?: was| were| had never been born|'d never been born) ?(?:dead|gone)?\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:doesn't|does not|don't|didn't|did not|no longer) (?:really )?(?:want|wants|wish) (?:to )?"
       r"(?:live|be alive|exist|wake up|keep living|go on living|be on this earth|be here (?:anymore|any more))\b"
       r"(?! (?:like|with|in|together|here|there|apart|near|at|alone|on (?:his|her|their) own|under|without|by|so)\b)"
       rf"|\b{OTHER} {OTHER_FILL}(?:has|have|had|'s got|sees|see|saw) (?:no|nothing (?:left )?to) (?:reason|point|purpose|future|live for)"
       r"(?: (?:to|in|for) (?:live|living|going on|being alive|anything))?\b"
       rf"|\b(?:{OTHER} {OTHER_FILL}(?:would be|is|are|feels|felt|feel)|{OTHER_IS}) (?:just |only |such )?"
       r"(?:better off dead|a burden(?: to (?:us|everyone|everybody|me|the family))?)\b"
       r"|\b(?:says|said|keeps saying|kept saying|told me|tells me|texted(?: me)?|wrote|admitted)(?: that)? (?:he|she|they)(?:'s| is| are|'re| was)? "
       r"(?:tired|sick|done) (?:of|with) (?:living|being alive|life|existing)\b"
       r"|\b(?:says|said|keeps saying|kept saying|thinks|believes|told me|tells me|keeps telling me|kept telling me|"
       r"texted(?: me)?|wrote)(?: that)? (?:everyone|everybody|we|the family|the kids|i|the world|you)(?:'d| would| will|'ll)? "
       r"(?:all )?(?:be )?(?:(?:better|happier) off (?:without (?:him|her|them)|if (?:he|she|they) (?:was|were|wasn't|weren't) "
       r"(?:dead|gone|here|around))\b"
       # ...or fine without them: "dad keeps saying we'll be fine without him" (not for a week away or while at work)
       r"|(?:just )?(?:fine|okay|ok|alright|all right) without (?:him|her|them)\b"
       r"(?! (?:for|this|next|tonight|today|on|at|while|until|when|during|over)\b))",
       present_only=True, someone_else=True),
    _r("sui.other.thoughts", S, "thoughts",
       rf"\b(?:{OTHER} {OTHER_FILL}(?:is|was|seems|seemed|sounds|sounded|might be|may be|could be|has been|had been|"
       rf"became|got|gets|getting|feels|felt|looks|looked|been)|{OTHER_IS}) (?:(?!not\b|never\b)\w+ )?suicidal\b"
       rf"|\b(?:{OTHER} {OTHER_FILL}(?:wants|wanted|want|is going|was going|are going|is gonna|was gonna|going|gonna|planning|"
       r"plans|planned|threatened|threatens|threatening|talks about|talked about|talking about|thinks about|thinking about|"
       rf"thought about|keeps talking about|will|'ll)|{OTHER_WILL}) (?:to )?(?:kill|killing|end|ending|take|taking|unalive|unaliving) "
       rf"(?:{THEM_SELF}|{THEIR_LIFE})\b{NOT_FIGURATIVE}"
       rf"|\b{OTHER} {OTHER_FILL}(?:talks|talked|talking|thinks|thinking|thought|keeps talking|writes|wrote|posts|posted) "
       r"about (?:suicide|killing (?:himself|herself|themselves)|ending (?:his|her|their) life|ending it all|dying)\b"
       # "himself" says it is someone else, with or without a subject near: "she blocked the door, threatening to kill
       # herself"
       r"|\b(?:threatening|threatened|threatens|wanted|wants|wanting) to (?:kill|end|take) "
       rf"(?:{THEM_SELF}|{THEIR_LIFE})\b{NOT_FIGURATIVE}"
       rf"|\b{OTHER} {OTHER_FILL}(?:is|was|'s|has been|had been|been|are|were|'re|is being|was being|was put|got put|is still) "
       r"(?:on suicide watch|a suicide risk|at risk of suicide|at risk of (?:killing|hurting|harming) (?:himself|herself|themselves))\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:wants|wanted|is going|was going|going|gonna|is gonna|said (?:he|she|they)(?:'s| is| was)? going) "
       r"to (?:end it all|end it|end everything|finish it)\b(?! (?:with|between|off)\b)",
       negatable=True, present_only=True, someone_else=True),
    # A warning sign in the AFSP's and 988's lists, told by a relative, for no reason the sentence gives: talk of being a
    # burden ("my son keeps talking about being a burden"; not "...since her hip operation"), affairs put in order ("my
    # husband has been putting his affairs in order"; not "...since the diagnosis"), a goodbye posted to everyone ("my
    # daughter posted goodbye everyone on her instagram"; not "...a goodbye to her old school", nor before a move).
    _r("sui.other.burden_talk", S, "wish_to_be_dead",
       rf"{_FOR_NO_ORDINARY_REASON_OF_THEIRS}\b{OTHER} {OTHER_FILL}(?:talks|talked|talking|keeps talking|kept talking|goes on|"
       r"went on|keeps going on) about (?:being|how (?:he's|she's|they're|he is|she is|they are|he'd be|she'd be)) "
       r"(?:such |just |only )?a burden\b",
       present_only=True, someone_else=True, gate=r"\bburden\b"),
    _r("sui.other.affairs", S, "plan",
       rf"{_FOR_NO_ORDINARY_REASON_OF_THEIRS}\b{OTHER} {OTHER_FILL}(?:putting|put|getting|got|sorting|sorted) (?:all )?"
       r"(?:his|her|their) affairs in order\b",
       present_only=True, someone_else=True, gate=r"\baffairs in order\b"),
    _r("sui.other.goodbye_posted", S, "plan",
       rf"{_NOT_BEFORE_A_LEAVING}\b{OTHER} {OTHER_FILL}(?:posted|wrote|put up|put|texted|sent|messaged) "
       r"(?:a |an |this )?(?:goodbye|farewell) (?:everyone|everybody|world|forever|for good|(?:message|post|text|note|video)"
       r"(?! to\b))\b",
       present_only=True, someone_else=True, gate=r"\b(?:goodbye|farewell) (?:everyone|everybody|world|forever|for good|message|"
       r"post|text|note|video)\b"),
    _r("sui.other.plan", S, "plan",
       rf"\b{OTHER} {OTHER_FILL}(?:wrote|written|left|has written|has left|is writing|was writing) (?:a |his |her |their )?"
       r"(?:suicide|goodbye|farewell) (?:note|letter|letters|notes|message|text|video)\b"
       # ...or found by the writer: "found a suicide note in her room" (not a film's or a book's; a goodbye note alone is
       # as often for a teacher or from an old boyfriend)
       rf"|{_NOT_A_STORY}\b(?:found|find|finding|saw|discovered|read|reading) (?:a |his |her |their |the )?suicide "
       r"(?:note|letter)s?\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:(?:is|was|'s|has been|been|started|keeps) giving|gave|has given) away (?:all )?(?:of )?"
       r"(?:his|her|their) (?:stuff|things|belongings|possessions|pets?|dog|cat|clothes|games|guitar|savings)\b"
       # ...the things named first: "she's been giving her things away"
       rf"|\b{OTHER} {OTHER_FILL}(?:(?:is|was|'s|has been|been|started|keeps) giving|gave|has given) (?:all |most )?(?:of )?"
       r"(?:his|her|their) (?:stuff|things|belongings|possessions|clothes|games|guitar) away\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:is|was|'s|has been|been|had been) (?:stockpiling|hoarding|saving up|collecting|hiding|stashing) "
       r"(?:his |her |their |up )?(?:pills|meds|medication|tablets|painkillers|sleeping pills)\b"
       r"|\b(?:found|find) (?:a |the )?(?:stash|stockpile|hoard|bag|pile|bottle|bottles) of (?:pills|meds|tablets|painkillers|sleeping pills) "
       r"(?:hidden |stashed )?(?:in|under) (?:his|her|their) (?:room|bed|drawer|closet|wardrobe|bag|car|desk)\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:searched|looked up|googled|has been googling|was googling|has been searching|was searching|"
       r"has been researching|was researching|researched|looking up|looked up|has been looking up|was looking up|been looking up) "
       r"(?:how to|ways to|the best way to|painless ways to) (?:die|kill (?:himself|herself|themselves)|end (?:his|her|their) life)\b"
       # ...or has been on pages about it: "my son has been visiting websites about suicide"
       rf"|\b{OTHER} {OTHER_FILL}(?:visiting|visited|visits|looking at|looked at|reading|read|watching|watched|on) (?:websites?|sites?|"
       r"forums?|videos?|pages?|posts) (?:about|on|for) (?:suicide|killing (?:himself|herself|themselves)|ways to die|how to die|"
       r"ending (?:his|her|their) life)\b",
       present_only=True, someone_else=True),
    _r("sui.other.behaviour", S, "behaviour",
       rf"\b{OTHER} {OTHER_FILL}(?:tried|attempted|tries|attempts|has tried|tried again) (?:to )?(?:kill|end|take|hang|overdose|od)"
       rf"(?: {THEM_SELF}| {THEIR_LIFE})?\b(?! (?:laughing|at|on|with|doing|trying)\b)"
       rf"|\b{OTHER} {OTHER_FILL}(?:attempted|tried to commit|tried) suicide\b"
       # ...with or without a subject near ("after trying to end her life she asked for me"): an attempt, not a thought
       r"|\b(?:trying|tried|attempting|attempted) to (?:kill|end|take) "
       rf"(?:{THEM_SELF}|{THEIR_LIFE})\b{NOT_FIGURATIVE}"
       rf"|\b{OTHER} {OTHER_FILL}(?:cutting|self[- ]?harming|harming|burning|scratching|starving) {THEM_SELF}\b"
       r"(?! (?:on (?:the|a|his|her|their)|while|shaving|cooking|by accident|accidentally|in the kitchen|at work|slipping|falling)\b)"
       rf"|\b(?:{OTHER} {OTHER_FILL}(?:has been|is|was|been|started|starts|keeps|kept|admitted to|admitted|confessed to|"
       rf"relapsed (?:on|into))|{OTHER_IS}(?: been)?) (?:self[- ]?harming|self[- ]?harm|cutting(?: again)?)\b"
       r"(?! (?:the|a|an|some|his|her|their|my|it|them|up|off|back|down|class|classes|school|hair|corners|costs|ties|out|"
       r"onions|vegetables|wood|paper|grass|carbs|sugar|coupons|all|us|everyone|everybody|people|me|you|him|her)\b)"
       rf"|\b(?:cut|cuts|burned|burns|burnt|hurt|hurts|hit|hits|hitting|harmed|harms) {THEM_SELF} (?:on purpose|deliberately|again on purpose)\b"
       rf"|\b(?:cut|cuts|harmed|harms) {THEM_SELF} again\b"
       # In the simple past ("my daughter cut herself last night"), not an accident ("cut herself on a glass", "while
       # cooking", "shaving") nor a small child's.
       # (Not a threat of it: "she'll cut herself if I don't...", abu.threats.)
       rf"|\b{OTHER} {OTHER_FILL}(?<!'ll )(?<!'d )(?<!will )(?<!would )(?<!to )(?<!gonna )(?<!might )(?<!could )(?:cut|burned|burnt) "
       rf"{THEM_SELF}\b(?! (?:off|out|loose|free|short|some|a|in|down|up|deeper)\b)(?!(?: [\w']+){{0,3}} (?:on|with|while|shaving|cooking|chopping|"
       r"peeling|opening|slicing|carving|by accident|accidentally|in the kitchen|at work|slipping|falling|fell|tripped|playing)\b)"
       r"(?<!toddler cut himself)(?<!toddler cut herself)(?<!baby cut himself)(?<!baby cut herself)"
       rf"|\b{OTHER} {OTHER_FILL}(?:made|has made|had made) (?:an|another|a second|a third) attempt\b(?! (?:to|at))"
       r"|\b(?:caught|found|saw|noticed|walked in on) (?:him|her|them|my \w+) (?:cutting|self[- ]?harming|hurting (?:himself|herself|themselves))\b"
       r"|\b(?:found|saw|noticed) (?:fresh )?(?:cuts|scars|burns) on (?:his|her|their) (?:arms?|legs?|wrists?|thighs?|stomach)\b"
       # ...or told as the marks and who made them: "my daughter has burns on her arms, she says she does it herself"
       r"|\b(?:cuts|burns|burn marks|cigarette burns|scars|marks) (?:all )?(?:on|over|up) (?:his|her|their) (?:arms?|legs?|wrists?|"
       r"thighs?|stomach|hands?)\b[^.!?]{0,80}?\b(?:(?:does|did|doing|done|made|makes|making) (?:it|them|this|that) "
       r"(?:to )?(?:himself|herself|themselves)|on purpose|deliberately)\b"
       rf"|\b{OTHER} {OTHER_FILL}(?:overdosed|took an overdose|took (?:all|a bunch|a handful|a bottle|too many) (?:of )?(?:his |her |their )?"
       r"(?:pills|meds|tablets|sleeping pills|painkillers)) (?:on purpose|deliberately|to (?:die|end it|kill (?:himself|herself|themselves)))\b"
       r"|\b(?:in|into|to|of|from) (?:the |a )?(?:hospital|psych ward|psych unit|psychiatric (?:ward|unit|hospital)|er|a&e|icu|"
       r"emergency room|locked ward|mental health unit) (?:\w+ ){0,2}?(?:after|because of|for|following) (?:a |an |her |his |their )?"
       r"(?:suicide attempt|attempt|attempt on (?:his|her|their) life|"
       r"trying to (?:kill|end|take|overdose) ?(?:himself|herself|themselves|his (?:own )?life|her (?:own )?life|their (?:own )?life)?|"
       r"overdose on purpose|self[- ]?harm(?:ing)?)\b"
       r"|\b(?:admitted|discharged|taken|sectioned|hospitali[sz]ed) (?:\w+ ){0,4}?after (?:an|his|her|their|a) (?:suicide )?attempt\b",
       negatable=True, present_only=True, someone_else=True),

    # ---------------------------------------------------------------- abuse (LAP danger items, coercive control)
    # Someone else in the writer's family hurt by their partner, told by the one who worries ("my daughter's husband
    # choked her", "my sister's boyfriend beats her"): the LAP's items, theirs (the reply is for the one who worries,
    # reply.py). They come before the writer's own abuse rules: what they match is not the writer's (match()).
    _relatives_abuse("threat_to_kill", "threat_to_kill",
       rf"\b{OTHERS_PARTNER} {NOT_USED_TO}(?:threatened|threatens|threatening) to (?:kill|murder|shoot|stab) {OTHER_VICTIM}\b"
       rf"|\b{OTHERS_PARTNER} (?:(?!(?:i|me|my|i'm|used)\b)[\w']+ ){{0,8}}?(?:said|says|keeps saying|told her|told him|tells her|tells him|swore|swears|texted|screamed) "
       r"(?:that )?(?:he|she|they)(?:'ll|'d| will| would|'s going to|'s gonna| is going to| is gonna| was going to) (?:\w+ )?(?:kill|murder|shoot|stab) "
       rf"{OTHER_VICTIM}\b", r"\b(?:kill|murder|shoot|stab)\b", laughed_off=True),
    _relatives_abuse("weapon", "weapon",
       rf"\b{OTHERS_PARTNER} {NOT_USED_TO}(?:pointed|held|pulled|put|pressed|waved|came at (?:her|him) with|threatened (?:her|him) with|"
       rf"attacked (?:her|him) with) (?:a |his |her |the )?(?:gun|knife|pistol|rifle|shotgun|blade|weapon)\b",
       r"\b(?:gun|knife|pistol|rifle|shotgun|blade|weapon)\b"),
    _relatives_abuse("strangulation", "strangulation",
       rf"\b{OTHERS_PARTNER} {NOT_USED_TO}(?:choked|chokes|choking|strangled|strangles|strangling|throttled|throttles) {OTHER_VICTIM}\b"
       rf"|\b{OTHERS_PARTNER} {NOT_USED_TO}(?:grabbed|grabs|held|holds|squeezed|squeezes|had his hands around|put his hands around) "
       r"(?:her|him|them)?(?: by the| by her| by his)? ?(?:neck|throat)\b",
       r"\b(?:chok|strangl|throttl)\w*|\b(?:neck|throat)\b"),
    _relatives_abuse("physical", "physical",
       rf"\b{OTHERS_PARTNER} {NOT_USED_TO}(?:hits|hit|hitting|beats|beat|beating|punched|punches|punching|slapped|slaps|kicked|kicks|"
       rf"pushed|pushes|shoved|shoves|attacked|attacks) {OTHER_VICTIM}\b(?! (?:at|in|to|up|back|out|off|around)\b)(?!'s)"
       r"(?! with (?:a |the )?(?:pillow|toy|ball|snowball|water balloon|nerf|cushion))"
       rf"|\b{OTHERS_PARTNER} {NOT_USED_TO}(?:threw|throws) {OTHER_VICTIM} (?:against|into|across|down|onto|on to|to the (?:floor|ground))\b"
       r"|\b(?:my|our) (?:daughter|son|sister|brother|mom|mum|mother|dad|father|friend|best friend|niece|nephew|cousin|aunt|granddaughter|"
       rf"grandson) (?:is|has been|was|keeps getting) (?:being )?(?:beaten|beaten up|hit|hurt) by {OTHERS_PARTNER}\b",
       r"\b(?:hit|hits|hitting|beat\w*|punch\w*|slap\w*|kick\w*|push\w*|shov\w*|attack\w*|threw|throws|hurt)\b"),
    # Control (the LAP's escalating control): "my sister's boyfriend checks her phone and won't let her see us". The
    # match runs to the end of its sentence, so that what follows of them ("and she seems scared of him") is theirs.
    _relatives_abuse("controlling", "controlling",
       rf"\b{OTHERS_PARTNER} {NOT_USED_TO}(?:(?:controls|controlled|takes|took|keeps|kept|hides|hid) (?:all |every |\w+ of )?(?:her|his|their) "
       r"(?:money|passport|bank card|cards|paycheck|wages|id|benefits)"
       r"|(?:checks|checked|tracks|tracked|monitors|monitored|reads|goes through|went through|smashed|smashes) (?:all |every )?(?:her|his|their) "
       r"(?:phone|messages|texts|emails|location)"
       r"|(?:won't|wont|doesn't|doesnt|does not|never) (?:let|allow) (?:her|him|them) (?:to )?(?:see|go out|leave|work|talk to|visit|call)"
       r"|(?:isolates|isolated|cut|cuts) (?:her|him|them) (?:off )?from)\b[^.!?]*",
       r"\b(?:money|passport|bank card|cards|paycheck|wages|id|benefits|phone|messages|texts|emails|location|let|allow|isolat\w*|cuts?)\b"),
    _relatives_abuse("disclosure", None,
       r"\b(?:my|our) (?:daughter|son|sister|brother|mom|mum|mother|dad|father|friend|best friend|niece|nephew|cousin|aunt|granddaughter|"
       rf"grandson) (?:is|has been|keeps getting) (?:being )?abused by {OTHERS_PARTNER}\b",
       r"\babused by\b"),
    _r("abu.threat_to_kill", A, "threat_to_kill",
       r"\bthreat\w* (?:to |that (?:he|she|they)(?:'d| would| will|'ll| is going to| was going to) )?(?:kill|murder|shoot|stab) "
       r"(?:me|us|my|our|the kids|the children|me and)\b"
       rf"|\b{_SAYS_THEY_WILL_KILL} (?:me|us|the kids|the children)\b(?! (?:in|at|on) {_A_GAME})"
       r"|\b(?:kill|murder) me if i (?:ever )?(?:leave|left|tell|told|call|called|go to|went to|try|tried|report)"
       # ...and the LAP's own question, "do you think he might try to kill you?"; "he'll" is one word to the pattern.
       rf"|\b(?:think|afraid|scared|terrified|worried|fear) (?:that )?{SUBJ}(?: (?:is |are )?(?:going to|gonna|will|might|could|"
       r"would|is gonna|is going to)|'ll|'d) (?:actually |really |one day )?(?:try to |try and )?(?:kill|murder) (?:me|us)\b"
       r"|\b(?:afraid|scared|fear|terrified) for my life\b"
       # "he told me I'd never leave this house alive", "she said I'd end up dead if I left"; and the words of the
       # LAP's most lethal kind of jealousy: "if he can't have me, nobody can".
       r"|\b(?:said|says|told me|tells me|swore|swears|screamed|yelled|texted|promised|keeps saying|keeps telling me|warned me)"
       r"(?: that)? (?:i'd|i would|i'll|i will|i'm|im|i am|you'd|you would|you'll|you will|you're|youre) (?:never|not) (?:going to )?"
       r"(?:leave|get out of|make it out of|walk out of|get away from) (?:\w+ ){0,3}alive\b"
       r"|\b(?:said|says|told me|tells me|swore|swears|screamed|yelled|texted|warned me)(?: that)? (?:i'd|i would|i'll|i will|you'd|you'll|you will) "
       r"(?:end up|be|wind up) dead\b"
       r"|\bif (?:he|she|they) can'?t have me,? (?:no ?one|nobody|no one else) (?:can|will|could)\b"
       # Murder and suicide threatened together, the LAP's gravest: "he said he'd kill himself and the kids", "she said
       # she's going to drive us all off a bridge", "he'll take us all with him".
       r"|\b(?:kill|murder|shoot) (?:himself|herself|themselves) (?:and|along with|with|then|and then) (?:me|us|the kids|the children|the baby|"
       r"(?:my|our) (?:kids|children|baby|son|daughter|family)|everyone)\b"
       r"(?!'ll| (?:will|would|are|were|is|was|can|could|know|knew|have|had|telling|said|says))|\b(?:kill|murder|shoot) (?:me|us|the kids|the children|the baby) (?:and|then|and then) (?:himself|herself|themselves)\b"
       r"|\b(?:drive|crash) (?:us|me|the kids|the children|the car with us|the car with the kids) (?:all |both )?(?:off (?:a|the) (?:bridge|cliff|edge|road)|"
       r"into (?:a|the) (?:river|lake|sea|tree|wall))\b|\btake (?:us|me|the kids|the children|everyone) (?:all )?(?:with (?:him|her|them)|down with (?:him|her))\b",
       negatable=True, laughed_off=True),
    # A threat to kill said in other words: "nobody would ever find my body", "he said he'd finish me off in my sleep",
    # "the only space i'd get was six feet under", "you'll end up in a box", "calmly described exactly how he'd kill me".
    # A rule of its own behind a gate, as its words are rare and its openings ("they", "i'd", "said") are not.
    _r("abu.threat_to_kill_told", A, "threat_to_kill",
       r"\b(?:nobody|no one|no-one|they|no one would|the police)(?: (?:would|will|could|would never|will never)|'d|'ll) (?:ever |never )?find (?:my|your) body\b"
       r"|\b(?:he'd|she'd|he would|she would|he'll|she'll|he will|she will|he's going to|she's going to|he was going to|she was going to) "
       r"(?:finish me off|do me in|put me in the ground|put me in a box|bury me)\b"
       r"|\b(?:i'd|i would|i'll|i will|you'd|you would|you'll|you will|you're going to|i'm going to|i was going to|i'd be|you'd be) "
       r"(?:end up |wind up |be |get )?(?:six feet under|in a box|in a coffin|in a body bag|in the ground|pushing up daisies)\b"
       r"|\b(?:describ\w*|explain\w*|told me|tells me|said|says) (?:in detail |calmly |exactly |precisely )*how (?:he|she|they)(?:'d| would|'ll| will| is going to| was going to) "
       r"(?:kill|murder|strangle|shoot|stab|poison|bury) me\b"
       r"|\b(?:said|says|told me|tells me|warned me|keeps telling me)(?: that)? (?:i'd|i would|i'll|i will|i won't|i wouldn't|you won't|you'd) "
       r"(?:push (?:him|her) too far and )?(?:end up dead|(?:not )?(?:make it|live) to (?:see )?(?:our|my|the|next)|won't make it to (?:our|my|the|next)|"
       r"(?:won't|wouldn't) (?:make it|live) to (?:see )?(?:our|my|the|next))\b"
       r"|\bmake it to (?:our|my|the|next) (?:anniversary|birthday|christmas|wedding)\b[^.!?]{0,20}\bif i (?:don't|dont|do not|keep|ever)\b"
       # A blow or a shot that missed, promised not to next time: "he said next time he won't miss" (not "...the bus").
       r"|\b(?:next time|this time) (?:he|she|they)(?:'ll| will)? (?:won't|wont|will not|isn't going to|is not going to|"
       r"won't be going to) miss\b(?=\s*(?:$|[.,!?;]|me\b|and\b))",
       negatable=True, laughed_off=True,
       gate=r"\b(?:body|finish me off|do me in|in the ground|in a box|in a coffin|body bag|six feet|daisies|bury me|"
            r"how (?:he|she|they)|end up dead|make it|live to|miss)\b"),
    # ...or someone of the writer's ("he said he'd kill my brother"), unless a son, a daughter, a brother, a sister, a
    # friend or a parent's partner said it: their threat against a third person is harm to others ("my brother said
    # he's going to kill my stepdad"), not the writer's abuse.
    _r("abu.threat_to_kill_family", A, "threat_to_kill", rf"\b{_SAYS_THEY_WILL_KILL} (?:my|our)\b",
       negatable=True, laughed_off=True, gate=r"\b(?:kill|murder|shoot|stab|end) (?:\w+ )?(?:my|our)\b",
       not_said_by=rf"{_KIN}|{_PARENTS_PARTNER}"),
    _r("abu.weapon", A, "weapon",
       # Drawn, aimed or brandished, a weapon is a threat by itself ("he pulled a knife", "pointed his gun")...
       rf"\b(?:pointed|pointing|points|pulled|pulls|waved|waving|aimed|aiming|came at me with|threatened me with|"
       rf"threatening me with|attacked me with|pressed) {_A_WEAPON}{_NOT_AT_A_THING}{_NOT_TO_CUT}"
       # ...held, put, swung or picked up, only when it is aimed or put to someone, or the sentence tells a fight, a
       # rage or a threat ("he held a knife while we argued"): "my husband put the knife away after dinner", "my son
       # swung a bat and hit a home run" are no one's threat.
       rf"|\b{_WEAPON_HANDLED} {_A_WEAPON}{_NOT_AT_A_THING}{_NOT_TO_CUT}(?=[^.!?]{{0,60}}?(?:{_AIMED_AT_SOMEONE}|{_IN_A_RAGE}))"
       rf"|\b(?:during|in the middle of|while|when|whenever|every time)\b[^.!?]{{0,40}}?{_IN_A_RAGE}[^.!?]{{0,60}}?"
       # (not the writer's own hand: "when my parents fought i just grabbed a knife")
       rf"\b(?<!\bi )(?<!\bi just )(?<!\bi then )(?<!\bi finally )(?<!\bi once )(?<!\bi even )(?<!\bim )(?<!\bi'm )"
       rf"{_WEAPON_HANDLED} {_A_WEAPON}"
       # (the weapon's name looked at first: the look-behinds would cost time at every position)
       rf"|\b(?=(?:gun|knife|pistol|blade) ){_NO_TOY_BEFORE}(?:gun|knife|pistol|blade) (?:to|at|against|in) (?:my|our) "
       r"(?:head|throat|neck|face|chest|stomach)\b"
       # The LAP's first question in the words it asks: "has he ever used a weapon against you?"
       r"|\b(?:used|uses|using) (?:a |his |her |the |their )?(?:gun|knife|knives|pistol|rifle|shotgun|handgun|blade|machete|weapon|"
       r"bat|hammer) (?:on|against) (?:me|us)\b"
       r"|\b(?:knife|gun) to (?:me|us)\b|\b(?:gun|knife|weapon)\b(?: [\w']+){0,6} (?:use it on|shoot|stab) (?:me|us)\b|\bthreat\w* (?:me |us )?with a (?:gun|knife|weapon)"
       # A weapon kept, said to be for the writer: "he sleeps with a knife under his pillow and says it's for me if i ever
       # cheat".
       r"|\b(?:knife|knives|gun|rifle|pistol|shotgun|handgun|machete)\b[^.!?]{0,50}?\b(?:says|said|told me|tells me|"
       r"reminds me) (?:that )?(?:it's|its|it is|that's|thats) for me\b[^.!?]{0,20}?\b(?:if|when|next time|one day|the day)\b"
       # A weapon the partner has, and would use if the writer did something: "he has a gun and said he'd use it if i
       # ever cheated" (not "said he'd use it this season").
       r"|\b(?:gun|knife|rifle|pistol|shotgun|handgun|weapon)s?\b(?: [\w']+){0,6} (?:he'd|he would|he'll|he will|he's going to|"
       r"she'd|she would|she'll|she will|she's going to) use (?:it|them) (?:on me |against me )?(?:if|the day|the minute|the second) "
       r"(?:i|i'm|i ever)\b"
       r"|\b(?:gun|knife|rifle|weapon|pistol|shotgun)\b(?: [\w']+){0,12} (?:make (?:him|her|them) use it|use it on me)\b"
       # A weapon shown to frighten (the LAP's "threatened you with a weapon"): "he cleans his gun at the table when
       # he's angry with me", "she reminds me she has a gun", "puts his gun on the table when we argue".
       r"|\b(?:clean\w*|load\w*|shows? me|showed me|showing me|puts?|putting|places?|placed|leaves?|left|lays?|laid|"
       r"sharpen\w*|holds?|held|strok\w*|polish\w*|plays? with|played with) (?:his|her|their|a|the) (?:gun|knife|rifle|pistol|"
       r"shotgun|handgun)s?\b(?: [\w']+){0,8} (?:when|while|whenever|every time|during|after|if) (?:he's|she's|he is|she is|"
       r"he gets|she gets|he was|she was|we (?:argue|fight|argued|fought)|i (?:talk|say|disagree|mention|try|want|go|come|"
       r"argue|don't|dont))\b"
       r"|\b(?:reminds|reminded|reminding) me (?:that )?(?:he|she|they) (?:has|have|owns|own|keeps|keep) (?:a |his |her )?(?:gun|guns|knife|rifle|pistol)\b",
       # The writer's own weapon is not their abuse: to their own head it is the suicide rules' ("I'd never put a gun
       # to my head"), aimed at someone it is harm to others (har.behaviour).
       done_to_writer=True),
    # A weapon used to frighten, in everyday words: "she came at me with a screwdriver", "my wife chased me round the
    # kitchen with a knife", "she held the bread knife up at me", "he loaded the gun in front of me", "fired his gun into
    # the ceiling during our fight", "reminds me it's loaded", "leaves a knife on my side of the bed as a 'reminder'",
    # "takes it out when we argue". Behind a gate: the weapon named.
    _r("abu.weapon_told", A, "weapon",
       r"\b(?:came|comes|coming|went|goes|lunged|lunges|ran|runs|chased|chases|chasing|charged) (?:at|for|after)? ?me\b(?: [\w']+){0,4}? with "
       rf"(?:a |the |his |her )?{_NOT_A_TOY}(?:knife|knives|screwdriver|hammer|bat|scissors|gun|bottle|axe|machete|blade|crowbar|iron|pan|wrench)\b"
       rf"|\b(?:held|holds|holding|raised|raises|pointed|points|waved|waves) (?:a |the |his |her )?{_NOT_A_TOY}(?:knife|gun|rifle|pistol|shotgun|crossbow|"
       r"bow|axe|machete|blade|screwdriver|hammer) (?:up )?at me\b"
       r"|\b(?:aimed|aims|aiming|pointed|points|pointing) (?:it|the (?:gun|rifle|crossbow|bow|pistol|shotgun)) at (?:me|the (?:door|doorway) i)\b"
       r"|\b(?:loaded|loads|cocked|cocks|unlocked) (?:the|his|her|a) (?:gun|rifle|pistol|shotgun|revolver) in front of me\b"
       r"|\b(?:fired|fires|shot) (?:his|her|the|a) (?:gun|rifle|pistol|shotgun|revolver) (?:into|at|through) (?:the )?(?:ceiling|wall|floor|air)\b"
       r"[^.!?]{0,40}\b(?:fight|row|argument|argue|argued|when i|at me|because i)"
       r"|\breminds me (?:that )?(?:it's|it is|the gun is|the rifle is) loaded\b"
       r"|\b(?:knife|knives|gun|rifle|pistol)\b[^.!?]{0,60}\b(?:as a ['\"]?reminder|so i know (?:it's|it is) there|(?:when|whenever|every time) we (?:argue|fight|row))",
       gate=r"\b(?:knife|knives|screwdriver|hammer|bat|scissors|gun|bottle|axe|machete|blade|crowbar|iron|pan|wrench|rifle|pistol|"
            r"shotgun|crossbow|bow|revolver|loaded)\b"),
    _r("abu.strangulation", A, "strangulation",
       r"\b(?:chok|strangl|throttl)\w* (?:me|her|us)\b(?! up)(?! out)"
       r"|\b(?:hands?|fingers|forearm|knee|belt|rope|cord|cable|charger cable|lead) (?:around|round|on|against|over|across) my (?:neck|throat|windpipe)\b"
       # ...an arm round the throat; round the neck only with force ("grips me from behind with an arm around my neck",
       # "...and squeezed"): "wraps her arms round my neck every morning at drop off" is a hug
       r"|\barms? (?:around|round|on|against|over|across) my (?:throat|windpipe)\b"
       r"|\b(?:grip\w*|grabb?\w*|held|holding|holds|lock\w*|pinned|pins|from behind)[^.!?]{0,40}\barms? (?:around|round|across|against) my neck\b"
       r"|\barms? (?:around|round|on|against|over|across) my neck\b(?=[^.!?]{0,50}\b(?:squeez\w*|tight\w*|chok\w*|"
       r"couldn't breathe|could not breathe|can't breathe|pull\w*|press\w*|until|till|black\w* out|passed out|hard)\b)"
       # "he put me in a chokehold 'as a joke' and i actually blacked out", "he held a pillow over my face until i stopped
       # struggling", "bruises on my neck"
       r"|\b(?:put|puts|had|has|got|held|holds|grabbed) me in (?:a |another )?(?:chokehold|choke hold|sleeper hold)\b"
       r"|\b(?:headlock|choke ?hold)\b[^.!?]{0,60}\b(?:blacked out|passed out|couldn't breathe|could not breathe|went dizzy)\b"
       r"|\b(?:held|holds|pressed|presses|put|puts|pushed|pushes) (?:a |the |his |her )?(?:pillow|cushion|hand|hands|bag|blanket|towel) "
       r"(?:over|on|against) my (?:face|mouth|nose|mouth and nose)\b"
       r"|\b(?:bruises|fingerprints|finger marks|hand marks|handprints) (?:on|around|round|all over) my (?:neck|throat)\b"
       r"|\bby (?:the|my) (?:neck|throat)\b|\b(?:grabbed|grabs|grabbing|squeezed|squeezes|held|holds|gripped|grips|pressed on) (?:me by )?my (?:neck|throat)\b(?! (?:pillow|cushion|rest|scarf|brace|support|warmer|gaiter|wrap|massager|tie|chain|necklace))|\bsquee?z\w* my (?:neck|throat)\b|\b(?:tried to|tries to) (?:choke|strangle|suffocate|smother) me\b"
       r"|\b(?:suffocat|smother)\w* me\b(?! with)"
       # Held down until the writer could not breathe: "he pinned me against the wall and i couldn't breathe".
       r"|\b(?:he|she|they) (?:[\w']+ ){0,2}?(?:pinned|pins|pinning|held|holds|pressed|presses|sat on|sits on|knelt on|kneels on|"
       r"lay on|lies on) me\b[^.!?]{0,40}?\b(?:and|until|till|so) (?:i )?(?:couldn't|could not|can't|cannot|could barely|"
       r"couldn't even) breathe\b(?! (?:from|for|with) laugh)",
       negatable=True, done_to_writer=True),
    _r("abu.physical", A, "physical",
       rf"\b{SUBJ} {FILL}{FILL}{HIT} me\b(?! up)(?! with (?:the|a|this|that|his|her) (?:news|question|idea|bill|truth|story|fact))"
       r"(?! (?:at|in|to|away|too|harder|forward|off|out|a|as|verbally|with words|in arguments|for|about|on (?:the|social|instagram|facebook))\b)"
       r"(?! with (?:a |the |her |his )?(?:pillow|toy|ball|snowball|water balloon|nerf|cushion|feather))"
       rf"{_NOT_IN_PLAY_OR_TO_SAVE}"
       rf"|\b{SUBJ} {FILL}{FILL}(?:gave me|left me with) (?:a )?(?:black eye|bruises|bruised|split lip|broken)"
       rf"|\b(?:bruises|black eye|split lip|broken (?:nose|rib|ribs|arm|wrist)) (?:from|where|after|because) {SUBJ}\b"
       # ...or "from her grabbing me" ("from her physio" is no one's blow)
       r"|\b(?:bruises|black eye|split lip) from (?:him|her|them) (?:grabb|hitt|kick|punch|push|shov|squeez|twist|pinch|slapp|"
       r"throw|chok|strangl|drag)\w* me\b"
       r"|\b(?:beats me|beat me up|beaten up by (?:him|her|my))\b"
       # Things thrown, told without the thrower first: "i've had plates and mugs thrown at me", "vases were thrown at me".
       rf"|\b(?:had|have had|i've had|ive had|got) [^.!?]{{0,60}}?\b{_THROWN}\b[^.!?]{{0,60}}? thrown at (?:me|my head|my face)\b"
       rf"|\b{_THROWN} (?:were|was|are|is|get|gets|got|have been|has been|had been) (?:\w+ )?thrown at (?:me|my head|my face)\b"
       rf"|\b(?:grabbed|grabs|pinned|pins|threw|throws|slammed|slams|dragged|drags) me (?:by (?:the|my)|against|into (?:the|a) (?:wall|door|floor|car)|down|across the (?:room|floor)|on the (?:floor|ground|bed)|onto|off the|to the (?:floor|ground|bed|wall|couch|sofa))\b"
       r"(?![^.!?]{0,30}\btickl)"  # "he pinned me down and tickled me until I cried laughing"
       rf"|\b{SUBJ} {FILL}{FILL}{FILL}{HIT} me (?:in|on) (?:the|my) (?:face|head|ribs|stomach|chest|back|eye|mouth|nose|jaw|belly|side|neck|throat)\b"
       r"(?<!slapped me on the back)(?<!slaps me on the back)(?<!slapping me on the back)(?<!smacked me on the back)"
       r"|\b(?:with|of|about) (?:him|her) (?:hitting|beating|hurting|choking|kicking|punching|slapping|strangling) me\b"
       rf"|\b{SUBJ} {FILL}(?:knocked|knocks) me (?:down|to the (?:floor|ground)|over|out|unconscious)\b"
       rf"|\b(?:he|she|my {PARTNER_NOUN}) {FILL}(?:threw|throws|hurled|hurls) (?:a |an |the |his |her )?(?:\w+ )?at (?:me|my (?:head|face))\b(?<!pillow at me)(?<!sock at me)(?<!socks at me)(?<!towel at me)(?<!popcorn at me)(?<!grape at me)(?<!slipper at me)(?<!ball at me)(?<!toy at me)(?<!snowball at me)(?<!cushion at me)"
       rf"|\b(?:he|she|my {PARTNER_NOUN}) {FILL}(?:gets|got|is|was|has been|can get|keeps getting) (?:too |really |so |very )?rough with me\b"
       rf"|\b(?:pulled|pulls|yanked) (?:me by )?my hair\b|\b(?:i'm|im|i am) {FILL}(?:being abused|in an abusive (?:relationship|marriage))\b"
       rf"|\b(?:my|our) (?:relationship|marriage) is {FILL}abusive\b|\bmy {PARTNER_NOUN} (?:is|has been) {FILL}(?:abusive|abusing me)\b"
       # Violence both ways between partners ("my husband and I both hit each other when we fight"); not siblings.
       rf"|\b(?:we|we both|both of us|my {PARTNER_NOUN} and i|he and i|she and i) (?:both |sometimes |often |always |still )?"
       r"(?:hit|punch|punched|slap|slapped|push|pushed|shove|shoved|kick|kicked|choke|choked|hurt|beat) each other\b"
       r"(?!'s)(?! up)(?! with (?:\w+ )?(?:pillows?|snowballs?|water|balloons?|nerf|toys?|cushions?|foam|socks?))",
       negatable=True),
    # Done to the writer's body: "my husband twisted my wrist until something popped", "slammed my head against the car
    # window", "shook me so hard my neck still hurts", "scratched my face up so badly", "shoved me out of the car" (not
    # "my mom scratched my back till i fell asleep"). Behind a gate: the act's verb.
    _r("abu.physical_told", A, "physical",
       rf"\b{SUBJ} {FILL}(?:(?:twisted|twists|bent|bends|wrenched|wrenches) my (?:wrist|arm|fingers?|hand|neck)\b"
       r"|(?:slammed|slams|smashed|smashes|banged|bangs|hit|hits) my (?:head|face) (?:against|into|on|off)\b"
       r"|(?:shook|shakes) me so (?:hard|violently)\b"
       r"|(?:scratched|scratches|clawed|claws) my (?:face|arms?|neck|back)(?: up)? (?:so (?:badly|hard|deep)|(?:until|till) (?:it|they|i) "
       r"(?:bled|was bleeding)|and drew blood|badly)"
       r"|(?:shoved|pushed|kicked|threw) me out of (?:the|a|his|her|our) (?:moving )?(?:car|truck|van)\b"
       r"|bit (?:my (?:arm|hand|face|shoulder|leg)|me) hard enough\b)",
       negatable=True, gate=r"\b(?:twist\w*|bent|bends|wrench\w*|slam\w*|smash\w*|bang\w*|hit|hits|shook|shakes|scratch\w*|claw\w*|"
                           r"out of|hard enough)\b"),
    # A parent named alone at the start of a clause, or by a parent's partner: "dad punched me in the face on saturday",
    # "my mum's husband pinned me to the floor and hit me" (not "mom kicked me out").
    _r("abu.parent_hits", A, "physical",
       rf"(?:^|(?<=[.!?;,] )|\band ){_PARENT_ALONE}(?: just| then| always| sometimes| also| even)? {HIT} me\b{_NOT_A_FIGURE}"
       rf"|\bmy (?:mom|mum|dad|mother|father)'?s (?:new )?(?:husband|wife|boyfriend|girlfriend|partner) {FILL}{FILL}{HIT} me\b{_NOT_A_FIGURE}",
       negatable=True, gate=rf"\b{_PARENT_ALONE}\b"),
    # A disclosure in so many words ("my abuser", "he abused me", "I left an abusive marriage"), present or past,
    # with no LAP item to grade it: it escalates with no severity, so a human grades it (danger "moderate").
    _r("abu.disclosure", A, None,
       rf"\bmy abusers?\b|\bmy (?:\w+ )?abusive (?:{PARTNER_NOUN}|relationship|marriage|household|home)\b"
       r"|\b(?:he|she|they|who) (?:(?!never |not |hasn't |has not |didn't |did not |wasn't |was not )\w+ )?(?:abused|abuses|abusing) me\b|\b(?:physically|emotionally|sexually|verbally|"
       r"financially|mentally) abused me\b|\b(?:i've|i have|i had) been (?:(?!never |not |hasn't |has not |didn't |did not |wasn't |was not )\w+ )?(?:abused|being abused)\b"
       r"|\bi(?: was| am|'m) (?:(?!never |not |hasn't |has not |didn't |did not |wasn't |was not )\w+ )?abused\b",
       negatable=True),
    # The same, said without its subject ("I left an abusive marriage", "finally escaped an abusive relationship",
    # "a survivor of domestic violence"): the writer's own, unless the clause names someone else as its subject.
    _r("abu.disclosure.relationship", A, None,
       r"\b(?:was|am|'m|been|left|escaped|got out of|leaving|survived|stayed in) (?:in )?an? (?:\w+ )?abusive (?:relationship|marriage)\b"
       r"|\b(?:survivor|victim) of (?:domestic (?:violence|abuse)|abuse|an abusive|intimate partner)\b",
       negatable=True, writers_own=True),
    _r("abu.sexual", A, "sexual",
       r"\b(?:raped|rapes|rape|raping) me\b|\b(?:forced|forces|forcing|pressured|made|makes|coerced) me (?:\w+ )?(?:to have sex|into sex|"
       r"to do sexual|into sexual|to sleep with|have sex)\b|\b(?:sexually (?:assaulted|abused|assaults|abuses)) me\b"
       r"|\b(?:he|she) (?:\w+ )?(?:won't|wont|doesn't|doesnt|didn't|didnt) (?:take|accept|stop when i say|listen when i say) no\b"
       r"|\bforc\w* (?:himself|herself) on me\b|\bwas raped\b|\bmarital rape\b|\bsexual(?:ly)? (?:assault|abuse)d?\b"
       r"|\b(?:groped|gropes|groping|molested|molests) me\b"
       # Taking the condom off without consent ("stealthing").
       r"|\b(?:took|takes|pulled|pulls|slipped|slips|removed|removes) (?:the |his )?condom off (?:[\w']+ ){0,2}?(?:without|when|after|even though|behind)\b"
       # Penetration the writer refused: "he put his fingers in me even though i said no".
       r"|\b(?:put|puts|stuck|sticks|pushed|pushes|forced|forces|shoved) (?:his|her) (?:fingers?|hands?|penis|dick|cock|thing) "
       r"(?:in|inside|into) me\b(?=[^.!?]{0,60}\b(?:even though|although|when|after|while) i (?:said no|told (?:him|her) no|said stop|"
       r"told (?:him|her) to stop|was asleep|was crying|begged|didn't want|did not want|was saying no)\b)"),
    # Sex taken while the writer sleeps: "my husband starts having sex with me while i'm asleep", "i woke up with him on
    # top of me again". Only in a text that names the writer's partner: from someone else, "he touches me when i'm
    # asleep" is a child's (the rules for a child at risk read it).
    _r("abu.sexual_asleep", A, "sexual",
       rf"\b(?:he|she|my {PARTNER_NOUN}) (?:[\w']+ ){{0,3}}?(?:sex with me|touch(?:es|ing|ed)? me|(?:gets|got|climbs|climbed) on top of me|inside me)\b"
       r"[^.!?]{0,30}?\b(?:while|when) i(?:'m| am| was) (?:asleep|sleeping|passed out|unconscious|out cold)\b"
       rf"|\bwoke up (?:with|to) (?:him|her|my {PARTNER_NOUN}) (?:on top of me|inside me|having sex with me|touching me|undressing me)\b",
       negatable=True, gate=(r"\b(?:asleep|sleeping|passed out|unconscious|out cold|woke up)\b", rf"\bmy (?:[\w-]+ )?{PARTNER_NOUN}\b")),
    # Sex forced or taken, in the words people use for it: "she won't let me sleep until i have sex with her", "my husband
    # says it's my duty to sleep with him", "i said no a few times but he held my wrists down", "my wife won't take no for
    # an answer in bed". Behind a look for its words.
    _r("abu.sexual_told", A, "sexual",
       r"\b(?:my|a wife's|a husband's) (?:duty|job|obligation) to (?:sleep with|have sex with) (?:him|her|my husband|my wife)\b"
       r"|\b(?:won't|wont|doesn't|doesnt|will not) let me (?:sleep|leave|go)(?: [\w']+){0,2} until i (?:have sex|sleep with (?:him|her)|give in)\b"
       r"|\b(?:only|won't|wont) (?:gives?|give) me (?:money|the money|my money|food)(?: [\w']+){0,4} (?:if|unless) i (?:have sex|sleep) with (?:him|her)\b"
       r"|\bsaid no\b[^.!?]{0,40}\b(?:held|pinned|holds|pins) (?:my (?:wrists|arms|hands) down|me down)\b(?![^.!?]{0,40}\b(?:tickl\w*|wrestl\w*|play\w*))"
       # Sex as the price of not being exposed or hurt: "she said she'd tell my parents i'm gay unless i have sex with her"
       r"|\b(?:he|she|they)(?:'d|'ll| would| will| is going to| was going to| threatens to| threatened to) (?:[\w']+ ){0,2}?"
       r"(?:tell|out|show|send|post|share|leak|report|hurt|hit|kick me out)\b[^.!?]{0,60}?\b(?:unless|if i (?:don't|do not|won't|"
       r"will not|refuse to)) (?:i )?(?:have sex|had sex|sleep|slept) with (?:him|her|them)\b"
       rf"|\b(?:he|she|my {PARTNER_NOUN}) (?:\w+ )?(?:won't|wont|doesn't|doesnt|will not|never) (?:take|takes|accept|accepts) no for an answer "
       r"(?:in bed|about sex|when it comes to sex)\b"
       r"|\b(?:pressur\w*|guilt\w*|bully\w*) me into (?:sex|things in bed|stuff in bed|sexual)\b"
       r"|\b(?:got|gets|get) me drunk (?:on purpose )?so (?:that )?i(?:'d| would) (?:go along with it|sleep with|have sex)\b"
       r"|\b(?:film\w* us|record\w* us|(?:nude|naked|intimate|sex) (?:photos?|pictures?|pics|videos?|tape))(?: [\w']+){0,4} "
       r"(?:without asking|without (?:my )?consent|without telling me)\b[^.!?]{0,60}\b(?:send|post|share|show)\b",
       negatable=True, gate=r"\b(?:duty|obligation|until i|if i|unless i|said no|no for an answer|into sex|in bed|sexual|drunk|film\w*|"
                           r"record\w*|nude|naked|intimate|sex)\b"),
    # Hitting that is hidden, not denied: "he never hits me where people can see", "she's careful to never hit me in
    # the face".
    _r("abu.hidden_marks", A, "physical",
       rf"\b{SUBJ} (?:\w+ )?(?:(?:is|'s) careful (?:to |not to )?|makes sure (?:not )?to )?(?:never|doesn't|doesnt|won't|wont|"
       rf"does not|not) {HIT} me (?:anywhere |somewhere )?(?:where (?:people|anyone|others|it|they|the bruises?|the marks?) "
       r"(?:can|could|would|will|might) (?:see|show|notice)|in front of (?:people|anyone|others|the kids|his family|her family|"
       r"my family)|(?:on|in) (?:the|my) face)\b"),
    # Not feeling safe at home, or with a partner, is a safety statement a human should read.
    _r("abu.unsafe_at_home", A, None,
       rf"\b(?:i'm|im|i am|i'm just|i am just) (?:not|no longer|never) safe (?:at home|in (?:my|our|this) (?:own )?(?:home|house|flat|"
       rf"apartment)|with (?:him|her|them|my {PARTNER_NOUN})(?= *(?:anymore|any more|at home|in the house|$|[.,!?;]))|around (?:him|her|"
       rf"my {PARTNER_NOUN}))"
       rf"|\bi (?:don't|dont|do not|no longer|never|can't|cant|cannot) feel safe (?:at home|in (?:my|our|this) (?:own )?(?:home|house|"
       rf"flat|apartment)|with (?:him|her|them|my {PARTNER_NOUN})(?= *(?:anymore|any more|at home|in the house|$|[.,!?;]))|around (?:him|"
       rf"her|my {PARTNER_NOUN}))"),
    # A child or teen who saw one parent hurt the other ("I saw my dad push mom and hit her") discloses abuse at
    # home, present or past; "my dad beat my mum at chess" does not.
    _r("abu.between_parents", A, "physical",
       rf"\bmy (?:dad|father|step[ -]?dad|step[ -]?father|mom's boyfriend|mum's boyfriend|mom|mum|mother|step[ -]?mom|step[ -]?mum) {FILL}{FILL}"
       r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|chok\w*|strangl\w*|push|pushed|pushes|pushing|shov\w*|kick\w*|"
       r"threw|throws|hurt|hurts|hurting|attack\w*) (?:my |our )?(?:mom|mum|mother|dad|father|step[ -]?mom|step[ -]?mum|step[ -]?dad)\b"
       r"(?!'s)(?! (?:at|in|to|on|up) )(?! with (?:a |the |her |his )?(?:pillow|toy|ball|snowball|water balloon|nerf|cushion|towel))",
       negatable=True),
    _r("abu.threats", A, "threats",
       # The house smashed up while the family hides: "my brother is high and smashing up the house, the kids are hiding".
       r"\b(?:smashing|smashed|smashes|trashing|trashed|wrecking|wrecked|breaking|destroying) (?:up )?(?:the|our|my) (?:house|place|flat|"
       r"apartment|home|kitchen|living room)\b(?=.{0,80}\b(?:hiding|hid|hide|scared|terrified|locked|afraid|barricaded)\b)|"
       r"\bthreat\w* (?:to |that (?:he|she|they)(?:'d| would| will|'ll) )?(?:hurt|harm|beat|hit|take the kids|take my kids|"
       r"take (?:the|my|our) (?:children|son|daughter|baby)|kidnap|ruin|destroy|burn|post|share|leak|out me|report me|"
       r"have me deported|get me deported|make me disappear)"
       # A threat of suicide made to control the writer ("he threatens to kill himself if I leave", "she said she'd
       # end her life unless I came back"). Said without a condition it is someone else at risk (sui.other.*).
       rf"|\b(?:threat\w*(?: to)?|{OTHER} {OTHER_FILL}(?:will|would|is going to|was going to|is gonna|was gonna)|{OTHER_WILL}) "
       rf"{SUICIDE_THREAT}(?: [\w']+){{0,4}} {ON_CONDITION}"
       r"|\b(?:if|unless|whenever|every time|each time) (?:i|you) (?:ever )?(?:[\w']+ ){1,8}?"
       rf"(?:(?:he|she|they) (?:threatens|threatened|says|said|swears) (?:to|he'll|she'll|they'll|he'd|she'd)|{OTHER_WILL}|"
       rf"(?:he|she|they) (?:will|would|is going to|was going to|is gonna)) {SUICIDE_THREAT}"
       rf"|{QUOTED_SUICIDE_THREAT}|{CONDITIONED_SUICIDE_THREAT}"
       r"|\bsuicide threats? (?:to|so) (?:stop|keep|control|make|get|force) me\b"
       # Deportation threatened in other words ("he says he'll have me deported if i leave him"); a car driven to terrify
       # ("he drove really fast with me and the kids in the car to scare me").
       r"|\b(?:says|said|tells me|told me|keeps saying|reminds me)(?: that)? (?:he|she|they)(?:'ll|'d| will| would| is going to| "
       r"can| could)? (?:have|get) me deported\b"
       r"|\b(?:drove|drives|driving|drive) (?:[\w']+ ){0,2}?(?:fast|crazy|recklessly|dangerously|like a maniac)\b[^.!?]{0,50}?\bto "
       r"(?:scare|frighten|punish|terrify|teach) (?:me|us)\b"
       # ...made as the writer tried to leave: "i tried to leave and she blocked the door, threatening to kill herself".
       rf"|{_TRYING_TO_LEAVE}[^.!?]{{0,60}}?\b(?:he|she|they) "
       rf"(?:[\w']+ ){{0,8}}?(?:threatening|threatened|threatens|saying|said|says) (?:to |(?:he|she|they)(?:'d|'ll| would| will) )?{SUICIDE_THREAT}"
       # The way out blocked: "she blocked the door with her body so i couldn't leave", "he stands in the doorway when
       # i try to walk away".
       rf"|\b(?:he|she|my {PARTNER_NOUN}) (?:\w+ )?(?:blocks?|blocked|blocking|stood in|stands in|standing in) (?:the|my) (?:\w+ )?"
       r"(?:door|doorway|exit|way)\b(?: with (?:his|her) body)?[^.!?]{0,30}?\b(?:so (?:that )?i (?:can't|cant|couldn't|could not|cannot) "
       r"(?:leave|go|get out|get past|walk away)|when i (?:try|tried|want|wanted) to (?:leave|go|walk away|get out))"
       rf"|{_TRYING_TO_LEAVE}[^.!?]{{0,30}}?\b(?:he|she) (?:\w+ )?"
       r"(?:blocks?|blocked|blocking|stood in|stands in|stands in front of|stood in front of) (?:the|my) (?:\w+ )?(?:door|doorway|exit|way)\b"
       # "afraid of losing her", "terrified of upsetting her": the fear is of an outcome, not of the person.
       rf"|\b(?:scared|afraid|terrified|frightened) (?:of|for) (?:(?!\w+ing\b)\w+ ){{0,3}}(?:(?:him|her|them)\b(?!'s)(?! (?:{REACTION_NOUN}|dad|mum|mom|father|mother|parents|family|friends|boss|teacher|grades|carer|caregiver|care worker|nurse|doctor|landlord|son|daughter))|my {PARTNER_NOUN}\b|my (?:life|safety)|"
       r"what (?:he|she)(?:'ll|'d| will| would| might) do)"
       # "he scares me" said of a partner is fear of the person; "...with his driving" is not
       rf"|\b(?:he|she|my {PARTNER_NOUN}) (?:really |honestly |genuinely |actually |sometimes |seriously )?(?:scares|frightens|terrifies) me\b"
       r"(?! (?:when|with|by) (?:he|she|his|her) (?:driv\w*|jump\w*|sneak\w*|horror|prank\w*|stories|movies|films))"
       rf"|\b(?:scared|afraid|terrified) (?:to go home|of going home|to leave (?:him|her)|to tell (?:him|her) no|he'?ll hurt me|she'?ll hurt me)"
       r"|\b(?:punched|punches|kicked|smashed|smashes|broke|breaks) (?:a |the )?(?:hole in the )?(?:wall|walls|door|my phone|things|"
       r"furniture|dishes) (?:\w+ ){0,4}(?:scream|yell|rage|angry|next to my head|near me|when i|because i|to scare)"
       r"|\b(?:said|says|told me|threatened)(?: that)? (?:he|she|they)(?:'d| would| will|'ll| is going to| was going to) "
       # ("...get me" as a threat's end, not a gift or a lift: "he said he'll get me a nice gift", "...get me after work")
       r"(?:(?:hurt|hit|beat) me\b|get me(?=\s*(?:$|[.,!?;]|if\b|back\b|for (?:this|that|it)\b|when\b|one day\b|eventually\b)))"
       r"|\b(?:hurt|harm) (?:me|the kids|my kids) if i\b"
       # A pet hurt or threatened to control or punish the writer: "he said he'd hurt the dog if I left", "she kicked
       # the cat to punish me".
       r"|\b(?:threat\w* to|(?:he|she|they)(?:'d|'ll| would| will| is going to| is gonna| was going to| was gonna)) "
       r"(?:hurt|kill|get rid of|poison|drown|shoot) (?:my|our|the) (?:dog|cat|pets?|puppy|kitten|horse|"
       r"rabbit|bird|hamster)s?\b(?: [\w']+){0,3} (?:if|unless|the day|the moment) i\b"
       r"|\b(?:kicked|kicks|hit|hits|hurt|hurts|threw|throws|choked|chokes|strangled|drowned|beat|beats) (?:my|our|the) "
       r"(?:dog|cat|pets?|puppy|kitten)\b(?: [\w']+){0,2} (?:to (?:punish|scare|hurt|teach) me|in front of me|because i|when i|"
       r"after i|to get back at me)\b"
       # LAP: "does he leave threatening messages?"
       rf"|\b(?:he|she|they|my {PARTNER_NOUN}) (?:\w+ )?(?:leaves|left|sends|sent|keeps sending|keeps leaving) (?:me )?(?:\w+ )?"
       r"(?:threatening|menacing) (?:voicemail|voice message|message|text|note|letter|email|dm)s?\b"
       r"(?![\w' ]{0,30}\babout (?:the |my |his |her |cleaning |doing )?(?:dishes|chores|laundry|homework|room|mess|bins|trash|groceries))"
       r"|\bmy (?:head|face)(?: (?:would|will|is going to)|'d|'ll) be next\b"
       r"|\b(?:says|said|tells me|told me|keeps saying|keeps telling me|reminds me|threatened)(?: that)? (?:no ?one|nobody)(?: (?:will|would)|'d|'ll) (?:ever )?believe (?:me|my word|a word i say|you)\b",
       negatable=True),
    # A threat that keeps the writer from telling what is done to them, the threat after its condition ("my dad said
    # if i tell anyone he'll kill me", "she said if i ever tell a teacher about the bruises i'll regret it"; "he'll kill
    # me if i tell" is abu.threat_to_kill's). Not "if i tell mom i failed she'll kill me", nor a brother's threat over a
    # broken vase: someone's words, of telling those who would help, and not a sibling's or a friend's. Rules of
    # their own, behind a look for the condition: tried at every position of every text, they were slow.
    _r("abu.silenced_kill", A, "threat_to_kill",
       rf"\b{_IF_I_TELL}{_THEY_WILL} (?:\w+ )?(?:kill|murder) {_ME_OR_MINE}",
       negatable=True, laughed_off=True, gate=_IF_I_TELL_GATE, not_said_by=_KIN),
    _r("abu.silenced", A, "threats",
       rf"\b{_IF_I_TELL}(?:{_THEY_WILL} (?:\w+ )?(?:(?:hurt|harm|hit|beat|punish|"
       rf"get rid of|take) {_ME_OR_MINE}|send me away|put me in|make me (?:regret|pay|sorry)|make (?:my|your) life hell)|"
       r"(?:i'll|i will|i'd|i would|you'll|you will|you'd|you would) (?:\w+ )?(?:regret it|be sorry|pay for it|get hurt|"
       r"end up in (?:the )?hospital|never see (?:my|your|the) \w+ again))",
       negatable=True, gate=_IF_I_TELL_GATE, not_said_by=_KIN),
    # An older or dependent adult controlled or robbed by a grown child, a grandchild, an in-law or a carer, in their own
    # words ("my son takes my pension every month", "my granddaughter won't let me see my friends", "he hides my hearing
    # aids", "my daughter says she'll put me in a home if i tell"). Not "my son keeps my pills in a box for me", "my
    # daughter says i should think about a home", nor a toddler who won't let a parent sleep: only what keeps them
    # from their own life.
    _r("abu.elder", A, "controlling",
       rf"\b{_ELDERS_KIN} (?:[\w']+ ){{0,2}}?(?:{_TAKES_MONEY} (?:all )?(?:of )?my (?:whole |entire )?{_ELDERS_MONEY}\b"
       rf"|{_STEALS} from me\b(?! at\b)"
       rf"|{_WONT_LET} me (?:to )?(?:leave the house|go out|"
       r"go anywhere|see (?:my|anyone|a doctor|the doctor)|talk to (?:my|anyone)|use the phone|call (?:my|anyone)|have (?:my own )?money|"
       r"have my (?:bank card|pension|money|phone)|visit (?:my|anyone))"
       # ...not out alone in the snow: care for someone frail
       r"(?! (?:alone|on my own|by myself|without (?:her|him|them|someone|help)|in the (?:snow|ice|rain|dark|cold)|at night)\b)"
       r"|(?:hides|hid|took away|takes away|won't give me|wont give me|doesn't give me|keeps back|withholds|withheld|is withholding) "
       r"my (?:glasses|hearing aids?|walker|cane|stick|wheelchair|medication|meds|pills|tablets|insulin|heart pills|inhaler|"
       r"pain relief|painkillers|phone|mobile|food)"
       # ...or robbed by being made to ("makes me withdraw all my pension", "made me sign the house over to her")
       r"|(?:makes|made|making) me (?:withdraw|hand over|sign over) (?:all|everything|my)\b"
       r"|(?:makes|made|making) me sign (?:my |the |over )?(?:house|home|flat|deeds|power of attorney)\b"
       # ...or left without care ("leaves me in wet pads all day", "makes me wait an hour for the toilet")
       r"|(?:leaves|left|leaving) me (?:in (?:wet|soiled|dirty)|without (?:food|a drink|water|anything to (?:eat|drink)))\b"
       r"|(?:makes|made) me wait (?:an hour|hours|ages|all day) (?:for|to (?:go to|use)) the (?:toilet|loo|bathroom|commode)\b"
       r"|(?:threatens|threatened|keeps threatening) to (?:put|send|throw|dump) me (?:in|into) (?:a |the )?(?:home|nursing home|care home|"
       r"old (?:people's|folks) home)"
       r"|(?:says|said|tells me|told me) (?:he|she|they)(?:'ll| will|'d| would) (?:put|send|throw|dump) me (?:in|into) (?:a |the )?"
       r"(?:home|nursing home|care home)(?: [\w']+){0,3} (?:if|unless) i\b)",
       negatable=True, laughed_off=True, older_adult=True,
       gate=_ELDERS_KIN_GATE),
    # ...and hurt by them, in the words of care gone rough ("my carer pinches me when i'm slow", "my daughter is rough
    # with me", "my grandson tips me out of my wheelchair when he's cross"). Not "my son tipped me off", "she yanked me
    # up a cup of tea".
    _r("abu.elder_hurt", A, "physical",
       rf"\b{_ELDERS_KIN} (?:[\w']+ ){{0,2}}?(?:pinches|pinched|is rough with|was rough with|yanks|yanked|tips|tipped) me\b"
       r"(?! (?:up|off|a |an |some |money))",
       negatable=True, laughed_off=True, older_adult=True,
       gate=_ELDERS_KIN_GATE),
    # ...and an older or dependent relative's, told by someone else in the family ("my brother is stealing from our dad
    # who has dementia", "my nan's carer slaps her", "my sister takes mum's pension"): theirs, happening now. Not "my
    # brother beat dad at chess", nor "my sister takes mum to her appointments".
    _r("abu.other.elder", A, "controlling",
       # (the blow after another act: "my dad's carer takes his money and hits him")
       rf"\b{_ELDERS_ABUSER} (?:[\w']+ ){{0,2}}?(?:(?:[\w']+ ){{1,4}}?and (?:he |she |they )?)?(?:(?:{HIT}|slaps|pinches|pinched|locks|"
       rf"locked|is locking) "
       rf"(?:{_ELDER}|her|him)\b"
       # (not a lock for one who wanders: "my brother locks grandad in his room at night so he doesn't wander")
       r"(?!'s)(?! (?:at|in a|to|on|up|out) )(?![^.!?]*\bwander)"
       rf"|{_STEALS} from {_ELDER}{_DEPENDENT}"
       rf"|{_TAKES_MONEY} (?:all )?(?:of )?(?:{_ELDER}'?s|her|his) (?:{_PENSION}\b|{_ELDERS_MONEY}\b(?:{_DEPENDENT}|{_LEFT_WITHOUT}))"
       r"(?! (?:to|for|in|into|out|at) )"
       # (held, not taken: "has mum's bank card" is her shopping done for her, unless she is left without)
       rf"|(?:has|keeps|kept|holds|controls) (?:{_ELDER}'?s|her|his) (?:{_ELDERS_ACCOUNTS}|pin|purse)\b{_LEFT_WITHOUT}"
       # their medicine kept from them: "dad's carer keeps his tablets from him" (not "in a dosette box")
       rf"|(?:keeps|kept|hides|hid|withholds|withheld) (?:{_ELDER}'?s|his|her) (?:meds|medication|medicine|tablets|pills|"
       rf"insulin|painkillers)(?: [\w']+){{0,2}}? (?:from|away from) (?:{_ELDER}|him|her)\b"
       rf"|{_WONT_LET} (?:{_ELDER}|her|him) (?:leave the house|go out|out of (?:the|her|his) (?:house|flat|home|room)|"
       r"have (?:any )?visitors|"
       r"see (?:anyone|a doctor|the doctor|us|me|her friends|his friends)|use the phone|call (?:anyone|us|me)))"
       # ...or afraid of the one who cares for them: "my mum is scared of her carer"
       rf"|\b{_ELDER}(?: (?:is|seems|gets)|'s) (?:so |really |very )?(?:scared|afraid|terrified|frightened) of (?:her|his|their|the) "
       r"(?:carer|caregiver|care worker|home help|aide|son-in-law|daughter-in-law)\b(?!'s)(?! (?:leaving|quitting|going))",
       someone_else=True, present_only=True, negatable=True, older_adult=True,
       gate=r"\b(?:brother|sister|cousin|uncle|aunt|in[- ]law|nephew|niece|carer|caregiver|care worker|home help|aide|live-in|new "
       r"(?:wife|husband|partner|girlfriend|boyfriend))\b"),
    # ...and in the words of care gone wrong or of a life taken over, where an older adult is named (an age of 60 or
    # more, a grandparent, a care home, dementia; elsewhere "tied him to the chair" is a children's game): tied to a
    # chair or a bed, left in soiled sheets or without food (by someone: not "we found grandad with no heating on"),
    # their medicine kept from them, made to sign their house or their affairs away, their family kept away ("she
    # won't let us visit dad"), seen hit.
    _r("abu.other.elder_care", A, "controlling",
       rf"\b(?:ties|tied|tying|straps|strapped) (?:{_ELDER}|her|him) (?:[\w']+ ){{0,2}}?(?:to|into) (?:the |a |her |his )?"
       r"(?:chair|bed|bed rails?|wheelchair|commode)\b"
       # (not a party's joke: "tied grandpa to the chair with streamers for his 80th")
       r"(?![^.!?]*\b(?:streamers|balloons|ribbons?|tinsel|party|birthday|\d+(?:st|nd|rd|th)|prank|game|joke)\b)"
       r"|\b(?:hands|wrists|arms|legs) tied to (?:the |her |his )?(?:bed|bed rails?|chair)\b"
       rf"|\b(?:(?:left|leaves|leaving|keeps) (?:{_ELDER}|her|him)|(?:been|was|is|gets|being) left) "
       r"(?:[\w']+ ){0,3}?(?:in (?:the same )?(?:soiled|soaked|wet|dirty|filthy) (?:sheets|pads|clothes|bedding|bed|nightie|nightgown)"
       r"|without (?:food|water|a drink|anything to (?:eat|drink))|(?:with|and) no (?:food|water|heat|heating))\b"
       r"|\b(?:won't|wont|doesn't|doesnt|isn't|isnt|stopped|keeps (?:\W?forgetting\W? )?to|forgets to|refuses to|withholds?) "
       rf"(?:give |giving )?(?:{_ELDER}|her|him) (?:his|her) (?:[\w']+ )?(?:meds|medication|medicine|tablets|pills|insulin|"
       r"pain relief|painkillers)\b"
       rf"|\b(?:made|makes|making|got|gets|pressured|pressuring|convinced|forced|bullied) (?:{_ELDER}|her|him) (?:into |to )?"
       r"sign(?:ing)? (?:the house|her house|his house|(?:it|everything|the \w+) over|a (?:new )?will|(?:a |the )?power of "
       r"attorney|things|papers)\b"
       # ...locked in their room, or not fed: "they lock grandma in her room and don't feed her"
       rf"|\b(?:locks?|locked|locking|shuts?|shutting) (?:{_ELDER}|her|him) (?:in|into) (?:her|his|their|the) (?:room|bedroom|flat)\b"
       # (not a lock for their safety: "...at night so he doesn't wander")
       r"(?![^.!?]*\b(?:wander\w*|safety|safe|so (?:he|she|they) (?:doesn't|doesnt|can't|cant|won't|wont|don't|dont))\b)"
       # ...or their door locked from the outside ("my aunt locked gran's door from the outside so she can't leave"), not
       # for their safety ("...at night, he wanders")
       rf"|\b(?:locks?|locked|locking) (?:{_ELDER}'?s|her|his) (?:bedroom |room |front |flat )?door (?:from the outside|on (?:her|him))\b"
       r"(?![^.!?]*\b(?:wander\w*|safety|safe|at night)\b)"
       rf"|\b(?:(?:don't|dont|doesn't|doesnt|won't|wont|never|stopped|refuses? to|forgets? to) (?:feed|feeding)|no one (?:feeds|washes))"
       rf" (?:{_ELDER}|her|him)\b"
       rf"(?! (?:the|a|an|some|his|her|their|my|our|cake|sweets|chocolate|junk|fast food|meat|sugar|after|before|past)\b)"
       rf"|{_WONT_LET} (?:us|me|any of us|anyone|the family) (?:visit|see|talk to|speak to|ring|phone|call) (?:{_ELDER}\b|"
       r"(?:him|her)\b(?! (?:kids|children|son|daughter|baby|new|place|house|flat))|any more\b|anymore\b)"
       rf"|\b(?:seen|saw|watched|watch) (?:him|her|them|a carer|the carer|the aide|(?:a|one) (?:member of )?staff) (?:hit|slap|smack|"
       rf"shove|push|drag|kick|punch|yank)(?: (?:{_ELDER}|her|him)\b| (?:his|her) (?:hand|face|arm|head)\b)",
       someone_else=True, present_only=True, negatable=True, older_adult=True, gate=_AN_OLDER_ADULT_NAMED),
    _done_to_me_by("strangled", "strangulation", r"strangled|choked|throttled|suffocated|smothered"),
    _done_to_me_by("hit", "physical", r"hit|punched|slapped|kicked|beaten|beat|shoved|attacked|assaulted|bitten|burned|burnt|"
                                      r"headbutted|knocked (?:down|out|unconscious)|thrown (?:against|across|down)"
                                      r"(?: [\w']+){0,2}"),
    _done_to_me_by("raped", "sexual", r"raped|sexually (?:assaulted|abused)|molested|groped|forced into sex"),
    _done_to_me_by("stalked", "stalking", r"stalked|followed|tracked|spied on"),
    _r("abu.stalking", A, "stalking",
       # (not an employer's tracking of a work phone or van: "my company now tracks our location through the work phone")
       rf"{_in_a_sentence_without(_AT_WORK)}\b(?:tracks|tracked|tracking|track|monitors|monitoring|monitored) (?:my|our) (?:phone|location|car|"
       r"every move|movements|whereabouts|gps)\b"
       r"|\b(?:put|installed|installs|hid|placed) (?:a |an )?(?:tracker|tracking (?:app|device)|gps|air ?tag|spyware|camera|hidden camera)"
       r"(?: \w+){0,3} (?:on|in) my\b"
       r"|\b(?:follows|followed|following|stalks|stalked|stalking) me\b(?! around (?:the|our) (?:house|kitchen|room|store|shop))(?! on (?:instagram|twitter|tiktok|insta|social|facebook|x\b))"
       r"|\b(?:shows|showed|showing|turns|turned|turning|keeps showing|keeps turning) up (?:at|outside) my (?:work|job|house|home|place|apartment|school|office|door|parents)"
       # (not with flowers or lunch, or to surprise or pick the writer up: "he turned up at my work with flowers for our
       # anniversary"; but an ex who turns up, below, whatever they bring)
       r"(?![\w']* (?:with (?:some |a bunch of |a |an |my |our )?(?:flowers|roses|lunch|coffee|breakfast|dinner|cake|gift|present|"
       r"surprise|picnic|takeaway|chocolates)|to (?:surprise me|pick me up|take me (?:out|to lunch|for lunch|for dinner|home)|"
       r"bring me|drop off))\b)"
       r"|\b(?:my |an? )?ex(?:-\w+)? (?:\w+ ){0,2}?(?:shows|showed|showing|turns|turned|turning|keeps showing|keeps turning) up "
       r"(?:at|outside) my (?:work|job|house|home|place|apartment|school|office|door|parents)"
       r"|\b(?:watching|watches|waits outside|parked outside) my (?:house|home|apartment|place|work)\b"
       # ...again and again where the writer has to be, watching: "my ex keeps turning up at the school gates and watching me".
       r"|\b(?:keeps|kept|has been|is always|always) (?:turning|showing) up (?:at|outside) (?:the|my|our|the kids'?) (?:school gates?|"
       r"school|gym|work|office|church|door)\b(?=[^.!?]{0,40}\b(?:watching|staring|waiting for me|following|uninvited|unannounced))"
       r"|\b(?:keeps|won't stop|wont stop) (?:texting|calling|messaging|contacting) me (?:\w+ ){0,4}(?:after i|even though|though i|when i (?:told|asked|blocked))"
       r"|\b(?:hundreds of|dozens of|\d{2,} )(?:texts|calls|messages|voicemails) (?:a day|from (?:him|her|my ex)|every day)"
       r"|\brestraining order\b|\bprotective order\b|\bprotection order\b"),
    # Stalking in everyday words: "i found a gps tracker taped under my car", "he hid a recording device in the kids'
    # teddy", "my ex has been sitting outside my work in his car most mornings, just watching", "driving past my flat at
    # night", "watching me from across the road", "keeps making new accounts to message me after i block him", "trying to
    # find out where i'm living now", "i moved house and changed my number but he still found me". Behind a look for
    # its words.
    _r("abu.stalking_told", A, "stalking",
       r"\b(?:found|find|discovered|there was|there's) (?:a |an )?(?:gps |tracking |hidden |little )?(?:tracker|tracking device|air ?tag|"
       r"recording device|listening device|hidden camera|spy camera|spyware)(?: [\w']+){0,3} (?:on|in|under|inside) (?:my|our|the kids'?) \w+"
       r"|\b(?:hid|hides|hidden|put|puts|planted|plants) (?:a |an )?(?:recording device|listening device|bug|spy camera|hidden camera)(?: [\w']+){0,3} "
       r"(?:on|in|under|inside) (?:my|our|the kids'?|the) \w+"
       rf"|{_STALKER}(?:sitting|sits|sat|parked|parks|parking|waiting|waits|waited|lurking|lurks|hanging around) (?:[\w']+ ){{0,3}}?outside my "
       r"(?:house|home|flat|apartment|place|work|office|job|parents'?|mum's|mom's)\b(?=[^.!?]{0,60}\b(?:watching|waiting|every|most|at night|"
       r"all (?:day|night)|again|for hours))"
       rf"|{_STALKER}(?:waits?|waiting|waited|sits?|sitting|parks?|parked) outside (?:the|my) (?:office|work|school|gym) to (?:watch|see|follow)\b"
       rf"|{_STALKER}(?:driving|drives|drove|walking|walks|walked|cycling) past my (?:house|home|flat|apartment|place|work|office)\b(?=[^.!?]{{0,30}}\b(?:at night|"
       r"every|all the time|again|constantly|over and over|several times))"
       rf"|{_STALKER}(?:watching|watches|watched) me from (?:across the (?:road|street)|(?:his|her|the|a) car|outside|the car park|the bushes)\b"
       r"|\b(?:new|fake|different|burner) (?:accounts|numbers|profiles|phones)\b[^.!?]{0,40}\b(?:after i block|to (?:message|contact|text|reach|find) me)"
       r"|\b(?:trying|tried|tries) to find out where i(?:'m| am| was)? (?:living|staying|working|live|work|am)\b"
       r"|\b(?:moved|changed my number|changed my phone|blocked (?:him|her))[^.!?]{0,60}\b(?:he|she|my ex|they)(?: [\w']+){0,2}? "
       r"(?:still |somehow )?(?:found|tracked down|turned up at) (?:me|my)\b(?! (?:on|online))"
       rf"|{_STALKER}(?:checks|checking|checked) my location (?:every|all the time|constantly|\d+ times|hourly)",
       gate=r"\b(?:tracker|tracking|air ?tag|recording|listening|bug|camera|spyware|outside|past my|watching me|watches me|watched me|"
            r"accounts|numbers|profiles|phones|find out where|found me|tracked down|turned up|location)\b"),
    _r("abu.controlling", A, "controlling",
       rf"\b(?:he|she|they|my {PARTNER_NOUN}) {FILL}{FILL}(?:checks|checked|checking|goes through|went through|going through|searches|reads|"
       r"read|monitors|looks through|demands to see) (?:all )?(?:of )?my (?:phone|texts|messages|emails|email|dms|"
       r"social media|browser history|call log|calls|bank statements|receipts|mileage)\b"
       r"(?! for (?:the |a |our )?(?:kids'?|children's|time|times|pickup|pick-up|directions|address|number|weather|recipe|calendar|school|photos? of))"
       r"|\b(?:changes|changed|changing|demands|took|takes|controls) (?:all )?(?:of )?my passwords?\b|\b(?:logs?|hacked|hacks|hacking) into my (?:email|phone|accounts?|social media|facebook|instagram)\b|\bhack(?:ed|s)? my (?:email|phone|accounts?)\b"
       r"|\b(?:made|makes|forced|forces) me (?:to )?quit (?:my )?(?:job|work|school|college)\b"
       r"|\b(?:forbids|forbade|forbid|bans|banned|stops|stopped|prevents|prevented) me (?:from )?(?:seeing|talking to|visiting|calling|leaving|working|having|using|driving|going (?:out|anywhere|to (?:work|see)))\b"
       r"|\b(?:i )?need (?:his|her) permission (?:to|before|for)\b|\b(?:have to|must) check in with (?:him|her) (?:every|each|all)\b"
       # "i'm not allowed to see my friends unless he's there" (the partner named: not a parent's rules for a teen)
       r"|\b(?:i'm|i am|im) not allowed to (?:see|visit|talk to|call|text|go out with|meet|have) (?:my )?(?:friends|family|sisters?|"
       rf"brothers?|mum|mom|parents|mother|father)\b[^.!?]{{0,30}}?\b(?:unless|without|if) (?:he|she|my {PARTNER_NOUN})\b"
       # LAP: "Is he violently or constantly jealous?" with control of the member's life.
       rf"|\b(?:he|she|my {PARTNER_NOUN})(?: (?:is|was|gets|got|has been|can be|became|becomes)|'s) (?:(?:so|very|really|extremely|insanely|crazy|super|always|too) )?"
       r"(?:jealous and controlling|controlling and jealous|possessive and controlling|controlling and possessive)\b"
       rf"|\b(?:he|she|they|my {PARTNER_NOUN}) (?:\w+ )?(?:won't|wont|doesn't|doesnt|didn't|didnt|will not|does not|never|hasn't|hasnt|has not|hardly ever) (?:let|lets|allow|allows) me (?:to )?"
       r"(?:see|talk to|visit|call|text|meet|hang out with|go out with|have|leave the house|leave|go out|go anywhere|go to work|work|"
       r"get a job|have a job|drive|wear|have my own|use the car|use my phone|have a phone|have money|have friends|sleep|eat)\b"
       r"(?! (?:his|her|their) (?:new |precious |beloved |vintage |classic |work )?(?:car|truck|van|bike|motorbike|ute|boat|camera|laptop))"
       r"(?! (?:finish|explain|help|pay|apologi|in (?:his|her) room|near (?:his|her) (?:phone|room)|a word|the last word|the remote))"
       rf"|\b(?:he|she|they|my {PARTNER_NOUN}) (?:\w+ )?(?:takes|took|keeps|kept|holds|controls|has control of|confiscated|confiscates) (?:all )?(?:of )?(?:my|our|the) (?:whole |entire )?(?:money|paycheck|paychecks|wages|salary|"
       r"finances|bank card|debit card|credit cards|passport|id|bank account|car keys(?![^.!?]{0,60}\b(?:snow|ice|icy|storm|fog|"
       r"blizzard|drunk|drinking|doctor|seizures?|eyesight|medication|meds|dementia|unsafe|not safe)\b))\b"
       # "she took the car keys because I'd had three beers" is care, not control; so are keys taken for the snow or the
       # doctor ("so I'd stop driving the kids in the snow"; not "so I can't drive to my mum's")
       r"(?![ \w']{0,40}\b(?:because|cause|cos|since|as) i(?:'d| had| was|'m| am| were) (?:\w+ ){0,2}(?:had|drinking|drunk|tipsy|wasted|beers?|wine|pints?|drinks))"
       r"|\b(?:gives|give|gave) me an allowance\b|\b(?:isolat\w+|cut|cuts|cutting|keeps|kept) me (?:off |away )?from (?:my |all my )?(?:friends|family|parents|mom|"
       r"sister|brother|support|everyone)\b"
       r"|\b(?:makes|made|forces|forced) me (?:to )?(?:account for every|ask (?:his|her) permission|hand over (?:my|all my)|give (?:him|her) (?:my|all my) (?:money|paycheck|wages|passwords?))"
       r"|\b(?:have to|need to|must) (?:ask (?:his|her|their) permission (?:to|before|for)|get (?:his|her) permission (?:to|before|for)|account for every|"
       r"send (?:him|her) (?:a )?(?:photos?|pictures?|pics?|location|proof)|tell (?:him|her) where i am|report to (?:him|her))\b"
       r"|\b(?:locks|locked|lock) me (?:in|out|inside)\b"
       # (not out of a room of one's own: "my wife locked me out of the bathroom because she was having a bath")
       r"(?! of (?:the |our )?(?:bathroom|toilet|loo|shower|study|office|(?:his|her|their) (?:room|bedroom|office|study))\b)"
       r"(?! (?:by accident|accidentally|by mistake)\b)"
       r"|\bcontrolling (?:and|,) (?:jealous|abusive)"
       rf"|\b(?:he|she|my {PARTNER_NOUN}) (?:\w+ )?(?:calls|called) me (?:a )?(?:\w+ ){{0,2}}(?:worthless|whore|slut|bitch|cunt|useless piece)\b"
       r"|\b(?:accuses|accused) me of cheating (?:\w+ ){0,6}(?:won't let|checks|every time i|if i (?:talk|look|go))"
       # Reproductive coercion: "he poked holes in the condoms", "she flushed my birth control", "won't let me take the
       # pill"; and a job or school sabotaged to keep the writer at home.
       r"|\b(?:poked|pokes|poke|put|puts|made) holes in (?:the |our |my |his )?condoms?\b"
       r"|\b(?:hides|hid|hidden|flushed|flushes|threw away|throws away|destroyed|destroys|tampered with|tampers with) "
       r"(?:all )?(?:my |the )?(?:birth control|contraceptives?|contraception|pill packs?|birth control pills)\b"
       r"|\b(?:won't|wont|doesn't|doesnt|didn't|didnt|will not|does not|never) (?:let|lets|allow|allows) me (?:to )?(?:take|use|get|go on|be on|have) "
       r"(?:my |any |the )?(?:birth control|contraception|contraceptives|the pill|an iud|condoms)\b"
       r"|\b(?:sabotag\w*|ruin\w* on purpose) my (?:job|work|interview|job interview|career|classes|exams?|shifts?|car)\b",
       negatable=True),
    _r("abu.controlling_weak", A, None,
       r"\b(?:i'm|im|i am|i'm not|i am not|not) (?:not )?allowed to (?:see|talk to|visit|call|text|meet|hang out|go out|have|leave|go anywhere|"
       r"work|drive|have my own|wear|spend|use)\b|\bwalking on eggshells\b|\bgaslight\w*|\b(?:jealous|possessive) (?:and|,) (?:controlling|angry|violent)"
       r"|\b(?:calls|called) me (?:\w+ ){0,2}(?:stupid|fat|ugly|useless|worthless|pathetic)\b"
       r"|\b(?:says|said|tells me|told me) (?:that )?i'?m (?:\w+ )?(?:stupid|fat|ugly|useless|worthless|pathetic|nothing|crazy)\b"
       rf"|\bcoercive(?:ly)? control\w*|\b(?:scared|afraid|terrified) of (?:him|her)\b(?!'s)(?! {REACTION_NOUN})|\btoxic\b|\bmanipulat\w*|\bdomestic (?:violence|abuse)\b|\bphysical(?:ly)? abus\w*"
       r"|\b(?:hurt|hurts|hurting) me\b|\b(?:yells|yelled|screams|screamed|shouts|shouted) at me\b|\bviolent\b|\bpolice\b|\bbruis\w*"
       r"|\b(?:grabbed|grabs|pushed|pushes|shoved|shoves) me\b|\bthr(?:ew|ows) (?:\w+ ){0,2}at me\b|\bafraid of what\b"
       r"|\bthreat\w* (?:me|us|my|to (?:hurt|harm|hit|kill|take|report|call|leave me|kick me|throw me|lock|tell|out|post|share|ruin|destroy|divorce|have me))\b"
       r"|\bwalk(?:s|ing)? on eggshells\b|\b(?:black eye|hide the (?:marks|bruises)|so nobody sees the marks)\b"
       r"|\b(?:rage|raging|temper)\b|\bshelter\b|\bsafe place to go\b|\bleave (?:him|her) safely\b", strong=False,
       negatable=True),  # "he would never hurt me" is no cue

    # The bare word, a cue only; negatable so that a denial ("he never abused me", "I wasn't abused") is neither a
    # cue nor read by the classifier, which would otherwise see just the word.
    _r("abu.abuse_word", A, None, r"\b(?:emotional(?:ly)? |verbal(?:ly)? )?abus\w*", strong=False, negatable=True),

    # ---------------------------------------------------------------- child safety
    _r("chi.adult_hurts_child", C, "physical_abuse",
       rf"\b{SUBJ_ADULT} {FILL}{FILL}(?:hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|kick\w*|chok\w*|burn\w*|shook|shakes|"
       rf"shaking|threw|throws|whip\w*|belt\w*|strangl\w*|bruis\w*|hurt|hurts|hurting|abus\w*|smacks? \w+ around) (?:me and )?(?:my|our|the|her|his|their) {CHILD_NOUN}\b{_NOT_A_CHILD_S_THING}"
       rf"|\b(?:smacks|smacked|knocks|knocked|pushes|pushed|shoves|shoved) (?:my|our|the|her|his) {CHILD_NOUN} around\b"
       r"|\b(?:takes|took|taking|used|uses) (?:a|his|her|the) belt to (?:them|him|her|the kids|my|our)\b"
       rf"|\b(?:shook|shakes|shaking|shaken) (?:the|my|our|her|his) (?:baby|infant|newborn)\b{_NOT_A_CHILD_S_THING}"
       r"|\b(?:too|really|so|very) rough with (?:the|my|our) (?:baby|infant|newborn|toddler)\b"
       # The baby named first, then shaken by a pronoun: "the baby wouldn't stop crying and he shook her". Not a head
       # shaken, a hand, a rattle, or a baby shaken gently awake.
       rf"|\b(?:the|my|our) (?:baby|infant|newborn)\b[^.!?]{{0,80}}?\b(?:{SUBJ_ADULT} {FILL}{FILL}|and (?:was |kept )?)(?:shook|shakes|shaking) "
       r"(?:her|him)\b(?! (?:head|hand|hands|rattle|toy|awake|gently|softly|lightly|a little|a bit|up|off|out|hair|fist|finger|keys|"
       r"bottle|blanket|arm|arms|foot|feet|leg|legs)\b)"
       rf"|\b(?:bruises|marks|welts|burns) on (?:my|our|the) {CHILD_NOUN}{_CHILDS_BODY}"
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:\w+ ){{0,3}}(?:scared|afraid|terrified) of (?:his|her|their|my) (?:dad|mom|mum|father|mother|step[ -]?dad|step[ -]?mom|step[ -]?mum|uncle)\b(?!'s)"
       rf"(?:(?: [\w']+){{0,3}},? (?:he|she) (?:hits|beats|belts|hurts|smacks|takes (?:a|his|her) belt))?"),
    _r(PARENT_HURTS_ME, C, "physical_abuse",
       rf"\bmy {PARENT_NOUN} {FILL}{FILL}(?:"
       r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|kick\w*|chok\w*|burn\w*|whip\w*|"
       r"hurt|hurts|hurting|abus\w*|throws things at|threw things at|strangl\w*) (?:me\b(?! up)(?! with (?:the|a|this|that) "
       rf"(?:news|question|idea))|my {_BODY}\b(?! away))(?![^.!?]{{0,40}}\b(?:by accident|accidentally|on accident|didn't mean to)\b)"
       # Hurt another way: pinched, scratched, twisted or pulled until it hurt ("my mom pinches me until i bruise", "my
       # stepdad twisted my arm until it popped"; not a pinched cheek or a scratched back), dragged (by the hair, across
       # the floor; not "dragged me to a recital"), something hard thrown at them, held under water.
       r"|(?:pinch\w*|scratch\w*|twist\w*|yank\w*|pull\w*|grabb?\w*|squeez\w*|bit|bites) "
       rf"(?:me|my {_BODY})\b(?=[^.!?]{{0,40}}\b(?:until|so hard|really hard|hard enough|bruis\w*|bleed\w*|bled|blood|marks|welts|"
       r"popped|cracked|screamed|scream|cried|crying)\b)"
       r"|(?:drags|dragged|dragging) me (?:across|by|along|through|down the (?:stairs|hall|hallway)|up the stairs)\b"
       r"|(?:throws|threw|thrown|throwing) (?:a|the|her|his|their|my) (?:[\w']+ )?(?:plate|glass|"
       r"bottle|cup|mug|phone|remote|shoe|knife|chair|bowl|pan|book|lamp|hairbrush|brush|ashtray|can|jar|vase|plates|glasses|"
       r"bottles) (?:at|into) (?:me|my (?:head|face))\b"
       r"|(?:holds|held|holding|pushes|pushed|shoves|shoved) my (?:head|face) (?:under|into|in) "
       r"(?:the )?(?:water|bath|bathtub|tub|toilet|sink|pool)\b)",
       negatable=True, present_only=True),  # not an adult's "my dad beat me when i was little"
    _r("chi.sexual", C, "sexual_abuse",
       rf"\b(?:touch\w*|fondl\w*|groped?|grop\w*|molest\w*|abus\w*) (?:my|our|the|her|his) {CHILD_NOUN}(?:'s)? (?:\w+ ){{0,3}}(?:inappropriately|sexually|"
       r"private|privates|down there|in a sexual|in bed|at night)"
       rf"|\bmolest\w*|\b(?:touch\w*|fondl\w*) me (?:\w+ ){{0,3}}(?:inappropriately|down there|private|at night|sexually)"
       rf"|\b(?:my|our) {CHILD_NOUN} (?:said|says|told me|told us) (?:that )?(?:\w+ ){{0,3}}(?:touched|touches|hurt|hurts|hit|hits) "
       r"(?:her|him|them) (?:\w+ ){0,3}(?:inappropriately|down there|private|privates|sexually|where)"
       rf"|\b(?:sent|sends|showing|showed|shows) (?:my|our) {CHILD_NOUN} (?:porn|nudes|naked|sexual)"
       r"|\b(?:asked|asks|asking|pressur\w+) (?:my|our) (?:\w+ )?(?:son|daughter|kid|child|teen) (?:for|to send) (?:nudes|naked|pictures of (?:her|him)self)"
       r"|\bgroom\w* (?:my|our|a|the) (?:\w+ )?(?:son|daughter|kid|child|teen)"
       rf"|\b(?:my|our) (?:[\w-]+ )?{CHILD_NOUN}(?: (?:son|daughter|girl|boy))? (?:is|has been|was|keeps) (?:sending|sent) (?:\w+ )?"
       rf"{_SEXUAL_IMAGES} to (?:a|an|this|some) (?:grown |older |\d\d ?(?:year|yr)s?[- ]?old )?"
       r"(?:man|guy|adult|stranger|woman)\b"
       rf"|\b(?:my|our) {CHILD_NOUN} (?:said|says|told me|told us) (?:that )?(?:her|his|their|the|a|an|my) (?:\w+ )?(?:coach|teacher|uncle|"
       r"step[ -]?dad|step[ -]?father|grandpa|grandad|grandfather|cousin|babysitter|neighbou?r|priest|pastor|tutor|friend's dad|"
       r"boyfriend|stepbrother) (?:touched|touches|kissed|kisses|fondled|groped) (?:her|him|them)\b"),
    # A child's own words about an adult at home or around them who does sexual things to them ("my step dad watches
    # me change", "my uncle makes me touch him", "my stepdad tries to kiss me when mom is at work"): named, never "he",
    # who may be the writer's own partner.
    _r("chi.sexual_to_me", C, "sexual_abuse",
       rf"{ADULT_AROUND_ME} (?:\w+ )?(?:watches|watched|keeps watching|films|filmed|(?:takes|took) (?:pictures|pics|photos|videos) of) "
       r"me (?:\w+ ){0,4}?(?:change|changing|get changed|getting changed|undress|undressing|shower|showering|in the shower|"
       r"in the bath|bathing|naked|in my (?:underwear|swimsuit|bathing suit|bikini|bra|towel)|while i(?:'m| am| was)? "
       r"(?:asleep|sleeping))\b"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:makes|made|forces|forced|tries to make|tried to make|wants|wanted) me (?:to )?"
       r"(?:(?:touch|rub|suck) (?:him|his|it|her)\b(?! (?:hair|feet|foot|hand|hands|arm|shoulders?|back|car|phone|stuff|things))"
       r"|undress|get naked|take off my clothes|sit on his lap|watch porn)\b"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:shows|showed|sends|sent|keeps showing|keeps sending) me (?:\w+ ){{0,2}}?(?:porn|nudes|"
       r"(?:videos|pictures|pics|photos) of naked|naked (?:pictures|pics|photos|videos)|sex videos|his (?:dick|penis|privates))\b"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:tries|tried|keeps trying) to (?:touch|undress|get into bed with) me\b"
       # a kiss: not a parent's goodnight, but a step-parent's, a relative's or another adult's when no one is there
       r"|\bmy (?:step[ -]?(?:dad|mom|mum|father|mother|brother)|uncle|aunt|cousin|older brother|coach|teacher|tutor|"
       r"babysitter|pastor|priest|neighbou?r|(?:mom|mum|dad|mother|father)'?s (?:boyfriend|girlfriend|husband|wife|partner|friend)) "
       r"(?:\w+ )?(?:tries|tried|keeps trying) to kiss me (?:on the (?:lips|mouth)|when|while|if)\b",
       negatable=True, present_only=True),
    # A child touched where or when no one should touch a child, in their own words: "my grandpa touches me in ways i
    # don't like", "my babysitter touches my private parts", "my cousin touches me when we're alone". Not "my coach
    # touched my shoulder", nor "my mom rubs my back at night": only touching the child ("me") then how or when, or the
    # parts of the body that are private; a grab only of those ("my dad grabs me when he's angry" is a parent's blow,
    # chi.parent_hurts_me). A rule of its own behind a look for the verbs: tried at every "my", it was slow.
    _r("chi.touched", C, "sexual_abuse",
       rf"{ADULT_AROUND_ME} (?:[\w']+ ){{0,4}}?(?:touches|touched|keeps touching|kept touching|has been touching|"
       r"fondles|fondled|gropes|groped) me(?: (?:[\w']+ ){0,3}?(?:in ways?|like that|where|at night|in (?:my|his|her) bed|under my|"
       r"down there|when (?:we're|we are|i'm|im|i am|no ?one|nobody|no one's|nobody's|everyone's|everyone is|(?:my )?(?:mom|mum|dad)"
       r"(?:'s| is)|(?:mom|mum|dad) (?:isn't|is not|goes|leaves|works)) ?(?:alone|asleep|sleeping|home|around|looking|at work|out|"
       r"away|gone|not)?)"
       # ...or said plainly, as children say it ("my uncle touched me", "my uncle touched me again last night"): the
       # clause ends there, or says when or where, not on what part of the body
       r"| ?(?=[.!?,;]|$)| (?=again\b|too\b|last (?:night|week|time)|yesterday|and (?:it|now|said|says|told|tells)\b|but\b|"
       r"(?:at|in|on) (?:the|his|her|their|my|a) (?:party|house|place|car|bed|couch|sofa|room|bedroom|pool|sleepover|camp|"
       r"basement|garage|tent|bathroom)\b))"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:feels|felt|keeps feeling|tries to feel|tried to feel) me up\b"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:touches|touched|keeps touching|kept touching|has been touching|tries to touch|tried to touch|"
       r"fondles|fondled|gropes|groped|grabs|grabbed|feels|felt|rubs|rubbed) my (?:private|privates|private parts|boobs|breasts|"
       r"butt|bum|crotch|penis|vagina|dick|chest)\b",
       negatable=True, present_only=True,
       gate=r"\b(?:touch\w*|fondl\w*|grop\w*|grab\w*|feel\w*|felt|rub\w*)\b"),
    _r(I_HURT_A_CHILD, C, "physical_abuse",
       rf"\b{I} (?:(?!never |not )\w+ )?(?:hit|beat|punched|slapped|kicked|choked|shook|threw|burned|hurt|smacked) (?:my|our|the) {CHILD_NOUN}{_CHILDS_BODY}"
       r"(?! (?:with (?:a|the) (?:ball|pillow|door|car door))|by accident|accidentally)"
       rf"|(?:\bi |^)(?:lost (?:my temper|it|control)|snapped|flipped)\b(?: [\w']+){{0,3}} (?:and )?(?:hit|slapped|smacked|punched|kicked|"
       rf"shook|beat|shoved|pushed|threw) {_MY_CHILD}{_CHILDS_BODY}"
       # ...as a habit, said with its force ("i smack my kids way too hard"), or by the marks left ("i left a handprint on
       # my son's leg"); not a smack alone, which some parents call discipline.
       rf"|\b{I} (?:(?!never |not |don't |dont )[\w']+ ){{0,3}}?(?:hit|hits|smack|smacks|slap|slaps|beat|beats|punch|punches|kick|kicks|shake|shakes|"
       rf"grabbed|shoved|pushed|yanked|threw) {_MY_CHILD}{_CHILDS_BODY}(?: [\w']+){{0,5}}?,? (?:(?:way |far |much |really |so )?too hard|"
       r"so hard|really hard|hard enough to|until (?:they|he|she) (?:cry|cries|bruise|bruises|bleed|bleeds)|across the face|in the face|"
       r"(?:it |that it )?left (?:finger |hand )?(?:marks|bruises|welts)|(?:he|she|they) (?:hit|banged|smacked) (?:his|her|their) head|"
       r"into the wall|against the wall|down the stairs)"
       # ...or told as going on, the "i" dropped as chat drops it: "been hitting my teenage son with my fists lately".
       rf"|(?:\b{I} |^)(?:(?!never |not |don't |dont |stop |stopped )[\w']+ ){{0,2}}?(?:hitting|punching|slapping|kicking|beating|smacking|"
       rf"shoving|whipping|belting|choking|burning) {_MY_CHILD}{_CHILDS_BODY}(?! (?:at|in|out|off|up|to|around)\b)"
       rf"|\b{I} (?:(?!never |not )\w+ )?(?:left|leave|leaving) (?:a |the )?(?:hand ?prints?|hand-prints?|bruises?|marks?|welts?) "
       rf"on (?:my|our|the) {CHILD_NOUN}{_CHILDS_BODY}",
       negatable=True, present_only=True),  # not "I smacked my son's bottom once years ago"
    # "my uncle does things to me when he babysits", "i think what my stepdad does to me is not normal", "my brother's
    # friend forced me to do stuff": the words a child has for it, of an adult around them (not "...like chores"). A
    # rule of its own behind a look for its words.
    _r("chi.done_to_me", C, "at_risk",
       rf"{ADULT_AROUND_ME} (?:\w+ )?(?:does|did|keeps doing|has been doing|tries to do|tried to do) (?:stuff|things|"
       r"(?:weird|bad|gross|sexual) (?:stuff|things)) to me\b"
       rf"|\bwhat {ADULT_AROUND_ME} (?:does|did|keeps doing|has been doing) to me\b"
       rf"|{ADULT_AROUND_ME} (?:[\w']+ ){{0,4}}?(?:forced|forces|forcing|tried to force|tries to force) me (?:to )?do (?:stuff|things|"
       r"sexual things)\b(?! like| such as| for| around| at| in)",
       gate=r"\b(?:to me|do (?:stuff|things|sexual))\b"),
    _r("chi.at_risk", C, "at_risk",
       rf"\b(?:asks?|asking|asked|tells?|telling|told) (?:my|our) {CHILD_NOUN} to keep (?:a )?secrets?\b"
       r"|\bmy (?:step[ -]?dad|step[ -]?father|uncle|mum's boyfriend|mom's boyfriend|stepbrother|grandpa|grandad|cousin) "
       r"(?:\w+ )?(?:(?:comes|came|sneaks|snuck|sneaked|keeps coming) into my (?:room|bed|bedroom) (?:[\w']+ ){0,3}(?:at night|when "
       r"(?:i'm|i am|everyone'?s?|mum'?s?|mom'?s?|my (?:mum|mom) is) (?:asleep|sleeping|out|at work|away)|and (?:touches|touched|gets into|got into|lies|lay))"
       # ...or into their bed, or the bathroom while they wash: not a parent's, who may lie down with a child who is ill
       r"|(?:gets|got|climbs|climbed|crawls|crawled|sleeps|slept|lies|lay|keeps getting) (?:in|into) my bed"
       r"|(?:comes|came|walks|walked|keeps coming|barges) in(?:to)? the bathroom when i'?m (?:showering|in the shower|in the bath|"
       r"changing|naked|peeing))\b"
       # Grooming: an adult who makes a child keep secrets ("my mom's boyfriend makes me keep secrets about what he
       # does to me"), or asks a child to meet alone, send pictures or not tell their parents.
       rf"|{ADULT_AROUND_ME} (?:\w+ )?"
       r"(?:makes|made|tells|told|asks|asked|wants|forces|forced) me (?:to )?keep (?:\w+ ){0,2}secrets?\b"
       # ...or makes them do what they may not tell: "my stepbrother makes me do things and says i'll get in trouble
       # if i tell"
       rf"|{ADULT_AROUND_ME} (?:\w+ )?(?:makes|made|forces|forced|tries to make|tried to make|wants) me (?:to )?do "
       r"(?:stuff|things|something|it|sexual things)\b(?=[^.!?]{0,80}?\b(?:if i (?:ever )?tell|not to tell|never (?:to )?tell|"
       r"(?:don't|dont|can't|cant|cannot) tell|our (?:little )?secret|keep (?:it )?(?:a )?secret|(?:no ?one|nobody) (?:will|would) "
       r"believe|get in trouble))"
       rf"|^(?=.*{CHILD_AGE})(?=.*\b(?:adult|grown man|grown woman|older (?:guy|man|boy|woman)|\d\d ?(?:yo|y/o|year old|yr old)|"
       r"stranger|coach|teacher|tutor|online|discord|snapchat|snap|roblox|instagram|insta|tiktok|fortnite|minecraft|xbox|"
       r"playstation|game)\b).*\b(?:keep (?:it |this |us )?(?:a |our )?secret|our (?:little )?secret|(?:not to|to not|never to|don't|dont) tell "
       r"(?:my |your )(?:parents|mom|mum|dad)|meet (?:up )?(?:with )?(?:him|her|them)? ?alone|send (?:him|her|them)? ?"
       rf"(?:{_IMAGES}|nudes))"
       # An adult with a young teen: "my 14 year old has a 25 year old boyfriend", "a grown man is messaging my 13
       # year old".
       r"|\b(?:my|our) (?:1[0-5]|[89]) ?(?:(?:year|yr)s?[- ]?old|yo\b|y/o)(?: (?:daughter|son|girl|boy|kid|child))? (?:[\w']+ ){0,3}?"
       r"(?:has|is dating|is seeing|is talking to|is texting|is messaging|met up with|has been meeting|snuck out to (?:meet|see)|"
       r"is sleeping with|has been sleeping with|is in a relationship with|ran off with|is with) (?:a |an |this )?"
       r"(?:(?:1[89]|[2-5]\d) ?(?:year|yr)s?[- ]?old ?(?:man|guy|woman|boyfriend|girlfriend|dude|bf|gf)?|(?:grown|adult|older) "
       r"(?:man|men|guy|guys|lads|woman|women|boyfriend|girlfriend|dude|bf|gf))\b"
       r"|\b(?:a|an|this) (?:(?:1[89]|[2-5]\d) ?(?:year|yr)s?[- ]?old|grown|adult) (?:man|guy|woman|dude) (?:[\w']+ ){0,2}?"
       r"(?:is|has been|keeps|was) (?:dating|texting|messaging|seeing|picking up|meeting|sleeping with|talking to) "
       r"(?:my|our) (?:1[0-5]|[89]) ?(?:(?:year|yr)s?[- ]?old|yo|y/o)\b"
       # Her age told another way: "my teenage daughter is pregnant and her boyfriend is 30", "my daughter is in 9th
       # grade and she's dating a 24 year old".
       r"|\b(?:my|our) (?:teenage|teen|young teenage|(?:1[0-5]|[89]) ?(?:year|yr)s?[- ]?old) (?:daughter|son|girl|boy)\b.{0,60}?"
       r"\b(?:her|his) (?:boyfriend|girlfriend|bf|gf|partner|baby'?s (?:father|dad)|baby daddy)(?: (?:is|who is|who's)|'s) "
       r"(?:(?:2[2-9]|[3-5]\d)\b|in (?:his|her) (?:twenties|thirties|forties|20s|30s|40s))"
       r"|\b(?:my|our) (?:daughter|son|girl|boy)(?: is|'s) (?:only )?in (?:[6-9]th grade|year [7-9]|middle school|junior high)\b.{0,60}?"
       r"\b(?:dating|seeing|sleeping with|going out with|texting|messaging) (?:a |an |this )?(?:(?:1[89]|[2-5]\d) ?(?:year|yr)s?[- ]?old|"
       r"grown|adult|older) ?(?:man|guy|woman|dude|boyfriend|girlfriend)?\b"
       # A child put out of home with nowhere to go: "my mum is kicking me out tonight and i've got nowhere to go, i'm 16"
       # (the child's age with it: an adult told to leave is no child at risk).
       rf"|^(?=.*{CHILD_AGE}).*\b(?:kicking|kicked|kick|kicks|throwing|threw|thrown|throw|throws|locked|locking|locks) me out\b"
       r"[^.!?]{0,60}?\b(?:nowhere (?:to|else to) (?:go|sleep|stay)|on the streets?|sleep(?:ing)? (?:rough|outside|in the park|in (?:a|my|the) car))"),
    # A child missing now: "my 13 year old ran away last night and isn't answering", "our son is missing".
    _r("chi.missing", C, "at_risk",
       rf"\b(?:my|our) (?:[\w-]+ )?{CHILD_NOUN}(?: (?:son|daughter|girl|boy|kid))?(?: (?:is|has gone|went|has been|is still)|'s) missing\b(?! (?:a |an |the |his |her |their |my |out|"
       r"school|class|classes|lessons|practice|homework|teeth|tooth|you|him|her|them|us|me|dad|mum|mom|home|\w+ing\b))"
       r"(?![^.!?]{0,80}\b(?:found (?:her|him|them)|came (?:back|home)|turned up|showed up|(?:is|are|was|were) (?:home|back|safe)|"
       r"back home|(?:she|he|they) (?:was|were) (?:at|with|in) )\b)"
       rf"|\b(?:my|our) (?:[\w-]+ )?{CHILD_NOUN}(?: (?:son|daughter|girl|boy|kid))? (?:ran away|has run away|run away|ran off|didn't come home|did not come home|hasn't come home|"
       r"has not come home|never came home|hasn't been home|didn't get off the bus|didnt get off the bus|did not get off the bus|wasn't at (?:school|pick ?up))\b(?! from (?:the|a|me|us|her|him))"
       r"(?=.{0,80}\b(?:isn't answering|is not answering|not answering|won't answer|phone is off|phone's off|no one knows|nobody knows|"
       r"no one has seen|nobody has seen|can't reach|cant reach|can't find|cant find|haven't heard|havent heard|police|since (?:yesterday|last night|"
       r"friday|saturday|sunday|monday|tuesday|wednesday|thursday)|for (?:two|three|\d+) days|all night)\b)"
       # Lost now, or taken: "we can't find our 4 year old anywhere", "someone took my son from the playground" (not
       # "can't find my son's shoes", nor when the same sentence says where they were found).
       rf"|\b(?:can't|cant|cannot|can not) find (?:my|our) (?:[\w-]+ )?{CHILD_NOUN}\b(?!'s|s'| (?:shoes?|coat|bag|phone|homework|"
       r"charger|toy|teddy|blanket|dummy|pacifier|bottle|jacket|hat|book|permission|form|uniform|costume|a|an|the|some|any)\b)"
       r"(?![^.!?]{0,80}\b(?:found (?:her|him|them)|came (?:back|home)|turned up|showed up|(?:is|are|was|were) (?:home|back|safe)|"
       r"back home|(?:she|he|they) (?:was|were|is|are) (?:at|with|in|hiding|behind|under) )\b)"
       rf"|\b(?:someone|somebody|a (?:man|woman|stranger|guy)|(?:a |some )?strangers?) (?:just )?(?:took|grabbed|snatched|has taken|has got|"
       rf"abducted|kidnapped|pulled) (?:my|our) (?:[\w-]+ )?{CHILD_NOUN}\b(?!'s)",
       present_only=True),
    # A parent afraid of their own thoughts of hurting their child ("I'm scared I'm going to hurt my baby", "sometimes
    # I want to hurt my kids and it scares me"): at risk, and answered for the parent (reply.py), without judgement.
    _r(OWN_URGE, C, "at_risk",
       rf"\b{_FEAR_OF_HURTING} (?:my|the|our) {CHILD_NOUN}\b"
       # ...the child named before ("when the baby cries for hours i'm terrified i'll shake her"; not "my daughter's
       # boyfriend") or by their age after ("i'm scared i'll hurt him, he's only 2"), and what the parent might do
       # ("frightened of what i might do to my daughter when i lose it").
       rf"|\b(?:my|the|our) {CHILD_NOUN}\b(?!'s)[^.!?]{{0,80}}?\b{_FEAR_OF_HURTING} (?:him|her|them)\b"
       rf"|\b{_FEAR_OF_HURTING} (?:him|her|them)\b(?=[^.!?]{{0,30}}\b(?:he's|she's|he is|she is|they're) "
       r"(?:only |just )?(?:(?:[1-9]|1[0-2])(?: (?:months?|weeks?|years?|yrs?)(?: old)?)?\b(?! ?(?:foot|feet|ft|stone|kg|lbs|inches))|"
       r"a baby|a toddler|tiny))"
       rf"|\b{_AFRAID} (?:of )?what i(?: (?:might|could|would|will)|'ll) do to (?:my|the|our) {CHILD_NOUN}\b"
       rf"|\b(?:thoughts|urge|urges|thinking) (?:of|about|to) (?:hurting|harming|shaking|smothering|drowning) (?:my|the|our) {CHILD_NOUN}\b"
       rf"|(?<!n't )(?<!not )(?<!never )(?<!dont )\b(?:want|wanted|feel like|felt like) (?:to )?(?:shake|hurt|harm|smother|throw) (?:my|the|our) "
       rf"{CHILD_NOUN}\b(?!'s){_NOT_IN_PLAY}"
       # ...or nearly did it: "i came close to shaking my son when he wouldn't stop crying", "the baby wouldn't stop
       # screaming and i nearly shook him" (the child named before), not "nearly shook the rug out"
       rf"|\b{_NEARLY} (?:my|the|our) {CHILD_NOUN}\b(?!'s){_NOT_IN_PLAY}"
       rf"|\b(?:my|the|our) {CHILD_NOUN}\b(?!'s)[^.!?]{{0,80}}?\b{_NEARLY} (?:him|her|them)\b"),
    _r("chi.neglect", C, "neglect",
       rf"\b(?:left|leaves|leaving) (?:my|our|the|her|his) {CHILD_NOUN} (?:\w+ )?(?:home )?alone (?:\w+ ){{0,3}}(?:{_ALONE_FOR}"
       r"|while (?:he|she|they) (?:goes|go|went|is|are|was) (?:out|off|drinking|partying|clubbing|to (?:the )?(?:pub|bar|club|casino)|at (?:the )?(?:pub|bar|club|casino))"
       r"|to go (?:out )?(?:drinking|partying|clubbing))"
       # ...the children named first: "her kids are dirty and hungry, she leaves them alone to go drinking for days".
       rf"|\b(?:kids|children|{CHILD_NOUN})\b[^.!?]{{0,80}}\b(?:left|leaves|leaving) them (?:home )?alone (?:(?!with\b)[\w']+ ){{0,3}}?"
       rf"(?:{_ALONE_FOR}|to go (?:out )?(?:drinking|partying|clubbing))"
       # ...or told in the passive: "the kids (3 and 5) are left on their own all day", "her children were left by
       # themselves all weekend". A young child or the children, not a teenager ("my 16 year old is left alone all day in
       # the holidays"), and not with someone who looks after them ("left with grandma", "...all day at the holiday club").
       r"|\b(?:my|our|the|her|his|their|[\w]+'s) (?:little |young |younger |two |three |four )?(?:kids|children|little ones|"
       r"babies|toddlers|twins|baby|toddler|[1-9] ?(?:year|yr)s?[- ]olds?)(?: \([^)]{1,20}\))? "
       r"(?:are|were|is|was|get|gets|got|have been|has been|keep getting|keeps getting) (?:being )?left (?:home )?"
       rf"(?:alone|on (?:their|his|her) own|by (?:them|him|her)sel(?:ves|f)) (?:(?!with\b)[\w']+ ){{0,3}}?{_ALONE_FOR}"
       r"(?! (?:at|in) (?:the |a )?(?:holiday club|club|camp|school|nursery|daycare|day care|creche|after[- ]school))"
       # A young child alone ("my 4 year old was home alone all night"), not a teenager for an hour after school.
       rf"|\bmy [1-9] ?(?:year|yr)s?[- ]old (?:\w+ )?(?:is|was|has been|gets|got) (?:left )?(?:home )?alone (?:\w+ ){{0,3}}"
       rf"(?:{_ALONE_FOR}|since)"
       # A child in a car in the heat, or forgotten there (not "left the baby in the car with her dad").
       rf"|\b(?:left|leaves|leaving|forgot|forgets|forgotten) (?:my|our|the|her|his) {CHILD_NOUN} (?:\w+ )?(?:in|inside) (?:the|a|her|his|my|our) "
       r"(?:hot |locked )?car\b(?! (?:with|seat))(?=.{0,60}\b(?:hot|heat|sun|hours|an hour|\d+ (?:minutes|mins)|windows up|locked|forgot|forgotten|"
       r"alone|while (?:he|she|they|i) (?:was|were|went|drank|shopped|gambled)))"
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:was|is|got|gets|has been|were|are) (?:left|forgotten) (?:alone )?(?:in|inside) (?:the|a|her|his|my|our) "
       r"(?:hot |locked )?car\b(?! (?:with|seat))(?=.{0,60}\b(?:hot|heat|sun|hours|an hour|\d+ (?:minutes|mins)|windows up|locked|alone)\b)"
       # A child telling it: "my mom leaves us alone for days".
       r"|\bmy (?:mom|mum|dad|mother|father|parents|step[ -]?dad|step[ -]?mom|step[ -]?mum|step[ -]?father|step[ -]?mother) (?:\w+ )?(?:leaves|left|leave|leaving) "
       r"(?:us|me|my (?:little |baby )?(?:brothers?|sisters?|siblings)) (?:home )?alone (?:[\w']+ ){0,3}?(?:for (?:days|the night|the weekend|whole weekends?)|"
       r"all night|overnight|every (?:night|weekend))"
       # A small child who can reach a loaded gun.
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:\w+ )?(?:found|got hold of|got into|was playing with|is playing with|picked up|grabbed) "
       rf"(?:a |my |his |her |the |our |(?:my |her |his )?[\w-]+'s )?(?:loaded )?(?:gun|pistol|handgun|rifle|shotgun|firearm)\b"
       rf"|\bloaded (?:gun|pistol|handgun|rifle|shotgun) (?:\w+ ){{0,5}}(?:where|that) (?:the|my|our) {CHILD_NOUN} (?:can|could|might) (?:reach|get|find)"
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:haven't|hasn't|have not|has not) (?:eaten|had food) (?:in|for) (?:days|two days|\d+ days)"
       r"|\bno food (?:for|in the house for) (?:the|my|our) (?:kids|children|baby)\b(?!')"
       r"|\b(?:no|don't have any|dont have any|do not have any|haven't had any|there's no|there is no) (?:food|formula|milk) (?:[\w']+ ){0,6}?"
       r"for (?:days|a week|weeks|\d+ days|two days|three days|four days)\b(?=.{0,80}\b(?:kids|children|baby|son|daughter|toddler))"
       r"|\b(?:kids|children|baby|toddler|son|daughter)\b.{0,80}\b(?:no|don't have any|dont have any|do not have any|haven't had any|there's no|there is no) "
       r"(?:food|formula|milk) (?:[\w']+ ){0,4}?(?:for|in) (?:days|a week|weeks|\d+ days|two days|three days|four days)\b"
       r"|\b(?:no|don't have any|dont have any|do not have any|haven't had any|there's no|there is no) (?:food|formula|milk) for (?:the|my|our) "
       r"(?:kids|children|baby|toddler)\b(?: [\w']+){0,4}? (?:for|in) (?:days|a week|weeks|\d+ days|two days|three days|four days)\b"
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:haven't|hasn't|have not|has not|havent|hasnt) (?:eaten|had (?:any )?food|had a (?:proper )?meal) (?:in|for) (?:days|a week|\d+ days|two days|three days)"
       rf"|\b(?:drives|drove|driving) (?:drunk|high|wasted) with (?:my|our|the) {CHILD_NOUN}"
       # A child's parent gone for days, told by the child: "my mum hasn't been home in three days and there's no food,
       # i'm 12" (not an adult's worry for a parent: a child's age or no food with it).
       r"|\bmy (?:mom|mum|dad|mother|father|parents) (?:hasn't|haven't|has not|have not|hasnt|havent) (?:been|come) home "
       r"(?:in|for) (?:days|a week|\d+ days|two days|three days|four days|the whole weekend)\b"
       rf"(?=[^\n]{{0,80}}(?:\bno food\b|\bnothing to eat\b|{CHILD_AGE}|\bmy little (?:brother|sister)))"),
    # A child kept from food by the adult at home, in their own words: "my stepmom says i have to earn my food", "my
    # mom says i don't get food until i learn respect" (not a dinner missed as a punishment).
    _r("chi.food_withheld", C, "neglect",
       rf"{ADULT_AROUND_ME} (?:[\w']+ ){{0,6}}?(?:says|said|tells me|told me|keeps saying) (?:that )?i "
       r"(?:(?:have to|need to|must|gotta) earn (?:my|the) (?:food|meals?|dinner|lunch|breakfast)"
       r"|(?:don't|dont|do not|can't|cant|won't|wont) (?:get|eat|have) (?:any )?(?:food|anything to eat|to eat) (?:until|unless|till))\b",
       gate=r"\bearn (?:my|the) (?:food|meals?|dinner|lunch|breakfast)\b|\b(?:food|to eat) (?:until|unless|till)\b"),
    # Drugs where small children crawl and play; the one in charge of a baby too drunk or high to look after it.
    _r("chi.neglect_carer", C, "neglect",
       r"\b(?:needles|syringes|meth|crack|heroin|fentanyl|coke|cocaine|baggies|pipes?)\b(?: [\w']+){0,8}? (?:where|and|while) (?:the|my|our|her|his|their) "
       r"(?:\w+ )?(?:kids?|baby|babies|toddlers?|grandkids|children|little ones?)(?: \w+)? (?:crawl|crawls|play|plays|sleep|sleeps|can reach|can get|climbs?)\b"
       r"|\b(?:(?:she|he|they|mom|mum|dad|my \w+|(?:her|his|their) \w+)(?:(?:'s| is| was| were|'re) (?:passed out|blackout drunk|black out drunk|wasted|"
       r"too drunk|so drunk|high(?! (?:up|on (?:the|my|her|his|life|sugar))| school)|too high|nodding off)| passed out)\b"
       r".{0,80}?\b(?:watching|looking after|alone with|in charge of|the only one|babysitting|holding|caring for|and the|while the) "
       r"|\b(?:the |our |my )?(?:babysitter|sitter|nanny)(?:'s| is| was) (?:passed out|drunk|wasted|high|nodding off)\b.{0,80}?)"
       r"(?:[\w']+ ){0,4}?(?:baby|toddler|newborn|infant|little ones?|\d{1,2} ?(?:month|mo)s?[- ]old)\b",
       gate=r"\b(?:needles|syringes|meth|crack|heroin|fentanyl|coke|cocaine|baggies|pipes?|passed out|drunk|wasted|high|nodding off)\b"),

    # A child married against their will (the NSPCC's forced marriage): "my parents are forcing me to marry a man i've
    # never met, i'm 16", "they're taking my sister abroad to get her married, she's 15". Only with a child's age in the
    # text: an adult's forced marriage is abuse, and "making my 16 year old come to the wedding" is not one.
    _r("chi.forced_marriage", C, "at_risk",
       rf"^(?=.*(?:{CHILD_AGE}|{_A_CHILDS_AGE})).*\b"
       r"(?:(?:forc\w*|mak(?:e|es|ing)|made|pressur\w*|arrang\w*|tak(?:e|es|ing)|took|send\w*|sent) "
       r"(?:[\w']+ ){0,5}?(?:to )?(?:marry|get (?:her |him |me |them )?married|be married|marriage to|married off)"
       r"|(?:marry|marrying|married) (?:me|her|him|them) off|(?:be|being|been|get|getting|got|was|were) married off"
       # told by a sibling or a relative: "they are marrying my 14 year old sister off to a man of 40"
       r"|marry(?:ing)? (?:my|our|his|her) (?:[\w'-]+ ){1,4}?off\b"
       r"|forced (?:marriage|to marry|to get married))\b",
       gate=r"\bmarr\w*\b"),
    # A child used by older people to carry or sell drugs (criminal exploitation, county lines): "my son is 14 and older
    # boys are making him carry drugs for them", "i think my 15 year old is running drugs for a gang". A child named or
    # aged in the text: an adult's dealing is no child at risk.
    _r("chi.exploited", C, "at_risk",
       rf"^(?=.*{_A_CHILD_NAMED}).*\b(?:(?:making|make|makes|made|forcing|forced|force|forces|getting|got|gets|using|uses|used) (?:him|her|them|me) (?:to )?"
       r"(?:carry|sell|deliver|move|hold|stash|hide|run|drop off|deal)"
       r"|(?:carrying|selling|running|dealing|moving|holding|delivering|stashing|hiding) (?:drugs|weed|crack|coke|gear)"
       r"(?: for| to pay| off)"
       r"|(?:caught up in|involved in|doing|running|groomed (?:into|for)|recruited (?:into|for)) county lines"
       r"|(?:owes|owe|in debt to) (?:a |the |some )?(?:gang|dealers?|older (?:boys|lads|guys|men)))\b",
       gate=r"\b(?:drugs|weed|crack|coke|gear|county lines|gang|dealers?|older (?:boys|lads|guys|men))\b"),

    # The NSPCC's signs of a child's sexual exploitation, together: going missing, and gifts, money or lifts from older
    # men ("my 15 year old keeps going missing and comes back with new phones and cash from older men"). Either alone
    # is a worry a parent brings to coaching; a child named or aged in the text.
    _r("chi.exploitation_signs", C, "sexual_abuse",
       rf"^(?=.*{_A_CHILD_NAMED})(?=.*\b(?:go(?:es|ing)? missing|went missing|disappears? for|gone for (?:days|nights)|"
       r"(?:stays?|stayed|staying) out all night)\b).*\b(?:(?:phones?|cash|money|gifts|presents|clothes|trainers|jewellery|"
       r"drugs|alcohol|vapes?|lifts?|rides?) (?:[\w']+ ){0,3}?from (?:much |a lot )?older (?:men|guys|lads|man|guy|boyfriends?)"
       r"|older (?:men|guys|lads) (?:in (?:cars|a car)|picking (?:her|him) up|pick (?:her|him) up|buying (?:her|him)))\b",
       gate=r"\bolder (?:men|guys|lads|man|guy|boyfriends?)\b"),

    # A child's sexual images used to extort them (sextortion, in the NSPCC's and NCMEC's guidance): "my boy is 14 and
    # someone is sextorting him", "my 13 year old is being blackmailed with photos he sent", "he says he'll share the
    # video of her unless she sends more, she's 16". A child named or aged in the text; images shared on a condition
    # only if they are sexual, or the condition is money or more images ("i'll send the photos to your mum unless you
    # tidy your room" is a parent's joke).
    _r("chi.sextortion", C, "sexual_abuse",
       rf"^(?=.*{_A_CHILD_NAMED}).*\b(?:sextort\w*"
       rf"|blackmail\w* (?:[\w']+ ){{0,4}}?(?:with|over|about|using) (?:[\w']+ ){{0,3}}?(?:{_SEXUAL_IMAGES}\b"
       rf"|{_IMAGES} (?:(?:he|she|they|i) (?:had )?sent|of (?:her|him|them)sel(?:f|ves)))"
       rf"|{_SHARE} (?:[\w']+ ){{0,4}}?{_SEXUAL_IMAGES}\b(?=.{{0,80}}\b(?:unless|or else|if (?:she|he|they|i|you) "
       r"(?:don't|doesn't|won't|dont|doesnt|wont|didn't)|pay|money|sends? (?:him |them |her )?more)\b)"
       # any images, where the condition is money or more of them: "...unless she sends more", "...if he doesn't pay"
       rf"|{_SHARE} (?:[\w']+ ){{0,4}}?{_IMAGES}\b(?=.{{0,80}}\b(?:unless|until|or else|if) (?:[\w']+ ){{0,4}}?"
       r"(?:pays?|paid|money|sends? (?:him |them |her )?more)\b))",
       gate=r"\b(?:sextort\w*|blackmail\w*|nudes?|pics|pictures|photos|images|videos?|snaps|selfies)\b"),

    # ---------------------------------------------------------------- harm to others
    _r("har.intent", H, "intent",
       # ("gonna kill him" with no subject only where a clause starts: "he's going to kill my stepdad" is not the writer's)
       rf"\b(?:i'm|im|i am|i'll|i will|i'm gonna|i am gonna|im gonna|i'm going to|(?<![\w'] )(?:gonna|going to)) (?:\w+ )?"
       r"(?:going to |gonna |about to )?(?:kill|hurt|stab|shoot|strangle|choke|"
       rf"murder|beat the|beat up|run over|poison|burn down the house with) {PERSON_OBJ}\b(?! (?:at|in) )"
       r"(?!.{0,20}\b(?:lol|lmao|haha|hahaha|jk|joking|kidding|😂|🤣)\b)"
       rf"|\b{I} (?:\w+ )?(?:going|gonna|about|ready|decided) to (?:kill|hurt|stab|shoot|murder) (?:him|her|them|my {PARTNER_NOUN}|my {PARENT_NOUN}|someone|somebody)\b"
       r"(?!.{0,20}(?:lol|lmao|haha|jk|joking|kidding|😂|🤣))", negatable=True, laughed_off=True),
    _r("har.thoughts", H, "thoughts",
       rf"\b{I} (?:\w+ )?(?:want|wanna|wish i could|feel like|have (?:had )?(?:thoughts|urges) (?:of|about)|keep thinking about|fantasi[sz]e about|can't stop thinking about) "
       rf"(?:to )?(?:kill|killing|hurt|hurting|stab|stabbing|shoot|shooting|strangle|strangling|murder|murdering|harm|harming) {PERSON_OBJ}\b"
       r"(?!'s)(?! (?:feelings|pride|chances|ego))"  # "hurt my son's feelings", "hurt her feelings"
       r"(?!.{0,20}(?:lol|lmao|haha|jk|joking|kidding|😂|🤣))"
       # A brother or a sister is wanted dead in every quarrel over a diary read or a charger taken: only when the
       # sentence makes it earnest (a weapon, a time, "for real", steps taken)
       rf"(?:(?<!my brother)(?<!my sister)|(?=[^.!?]{{0,80}}\b(?:{EARNEST})\b))"
       rf"|\b(?:afraid|scared|worried|terrified) (?:that )?(?:i|i'll|i might|i will|i'm going to|i'm gonna) (?:[\w']+ ){{0,4}}(?:hurt|kill|harm) (?:{PRON_OBJ}|my {PARTNER_NOUN}|someone|somebody)\b"
       # ...but not a worry that one has hurt someone's feelings: "i'm worried i hurt him by laughing at his idea"
       r"(?!(?:(?<=\bi hurt him)|(?<=\bi hurt her)|(?<=\bi hurt them)) (?:by|when i|with (?:what|my|that|the way))\b)"
       rf"|\bi (?:sometimes |often |keep |still )?(?:picture|imagine|daydream about|fantasi[sz]e about) (?:hurting|killing|stabbing|strangling|smothering) {PERSON_OBJ}\b"
       r"|\bthoughts (?:of|about) (?:hurting|killing|harming) (?:other people|others|people|someone|him|her)\b", negatable=True, laughed_off=True),
    _r("har.plan", H, "plan",
       rf"\b{I} (?:\w+ )?(?:bought|got|have|loaded|hid|keep) (?:a |my |the )?(?:gun|knife|weapon|rifle|pistol|poison) (?:\w+ ){{0,5}}(?:for|to use on|to kill|to hurt|to shoot) "
       rf"{PERSON_OBJ}\b|\b{I} know where (?:he|she|they) (?:lives?|works?|sleeps?)(?: \w+){{0,6}} (?:kill|hurt|make (?:him|her) pay)"
       r"|\bmake (?:him|her|them) pay\b(?: [\w']+){0,8},? i know where (?:he|she|they) (?:lives?|works?|sleeps?)"),
    # An attack on many people, the writer's own: "i want to shoot up my school", "i'm gonna bring my dad's gun to
    # school". Threat assessment treats a told intent to attack ("leakage") as a threat, whatever the verb: intent.
    _r("har.attack", H, "intent",
       rf"\b{I} (?:[\w']+ ){{0,2}}?(?:want|wanna|going|gonna|planning|plan|about|ready|decided|thinking about|think about|"
       rf"fantasi[sz]e about|dream about)(?: to)? {ATTACK} {ATTACK_PLACE}"
       rf"|\b(?:i'll|ill|i will|(?:i'm|im|i am) (?:going to|gonna|planning to)|i (?:want|wanna|plan|need) to) (?:\w+ )?(?:bring|take|sneak) "
       rf"(?:a |my |the |(?:my )?[\w-]+'s )?{WEAPON} (?:\w+ ){{0,2}}?(?:to|into) (?:school|class)\b",
       negatable=True),
    # Someone in the writer's family who talks of an attack, has a list of people to hurt, takes a weapon to school
    # or looks up how to make a bomb: someone else's (the reply is for the one worried about them, reply.py).
    _r("har.other_attack", H, "intent",
       rf"\b{OTHER} (?:[\w']+ ){{0,4}}?(?:said|says|saying|told|tells|keeps saying|kept saying|threatened|threatens|threatening|"
       r"posted|posts|wrote|writes|texted|joked|jokes|joking|talks about|talked about|talking about|wants|wanted|is going|"
       rf"was going|plans|planned|is planning|was planning)\b(?: [\w']+){{0,5}}? {ATTACK} {ATTACK_PLACE}"
       # A threat to kill someone outside the family, made real by a weapon, a time or its earnestness ("my husband
       # said he's going to kill his boss tomorrow and he has a gun"), or said as a threat.
       rf"|\b{OTHER} (?:[\w']+ ){{0,8}}?(?:threatened|threatens|threatening) to (?:stab|shoot) (?:his|her|their) (?:dad|father|mom|mum|mother|"
       r"step[ -]?dad|step[ -]?mom|step[ -]?mum|brother|sister|grandma|grandpa|gran|nan)\b"
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:threatened|threatens|threatening) to (?:kill|shoot|stab|murder) (?:his|her|their|the|a) "
       r"(?:[\w']+ )?(?:boss|manager|supervisor|coworker|co-worker|colleague|teacher|principal|coach|neighbou?r|ex|landlord|"
       r"classmates?|bully|bullies|boyfriend|girlfriend)\b(?! (?:in|at|on) (?:a |the )?(?:game|fortnite|minecraft|roblox|call of duty|cod|gta|"
       r"match|chess|cards|xbox|playstation))"
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:said|says|saying|keeps saying|swore|swears|told me|told us) (?:that )?(?:he|she|they)(?:'s| is| are|'ll| will|'d| would)? "
       r"(?:going to |gonna |gunna )?(?:kill|shoot|stab|murder|poison) (?:his|her|their|the|a|that) (?:[\w']+ ){0,2}?(?:[\w']+'s )?(?:boss|manager|supervisor|"
       r"coworker|co-worker|colleague|teacher|principal|coach|neighbou?r|landlord|roommate|classmates?|bully|bullies|guy|man|woman|dude|kid|boy|girl|"
       r"(?:ex's |ex-(?:wife|husband)'s )?new (?:boyfriend|girlfriend|partner|husband|wife|man|guy))\b"
       rf"(?=.{{0,80}}\b(?:{EARNEST})\b)"
       # ...or a relative ("my brother said he's going to kill my stepdad and he got a knife"; "my son said he'll shoot his
       # dad if he hits me again, and he knows where the gun is"), as earnest
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:said|says|saying|keeps saying|swore|swears|told me|told us) (?:that )?(?:he|she|they)(?:'s| is| are|'ll| will|'d| would)? "
       r"(?:going to |gonna |gunna )?(?:kill|shoot|stab|murder) (?:his|her|their|my|our) (?:dad|father|mom|mum|mother|step[ -]?dad|"
       r"step[ -]?father|step[ -]?mom|step[ -]?mum|step[ -]?mother|brother|sister|uncle|aunt|cousin|grandpa|grandma|stepbrother)\b"
       rf"(?=.{{0,80}}\b(?:{EARNEST})\b)"
       # A weapon taken up, then the threat: "dad just grabbed his pistol and left saying he's gonna shoot the guy".
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:grabbed|took|loaded|got out|took out|has|bought) (?:his|her|their|a|the) "
       rf"(?:{GUN}|knife|knives|machete|axe|blade)\b(?: [\w']+){{0,8}}? "
       r"(?:he's|she's|they're|he is|she is|they are|he'll|she'll|they'll|to) (?:going to |gonna )?(?:shoot|kill) (?:his|her|their|the|a|that)\b",
       someone_else=True, present_only=True,
       gate=rf"\b(?:shoot(?:ing)? up|shot up|blow(?:ing)? up|bomb|(?:shoot|kill|stab|hurt|attack)\w* (?:everyone|everybody|people|them all|"
            rf"all of them|as many)|threaten\w* to|(?:kill|shoot|stab|murder|poison) (?:his|her|their|the|a|that|my|our)|{GUN})\b", laughed_off=True),
    _r("har.other_plan", H, "plan",
       rf"\b(?:{OTHER} (?:[\w']+ ){{0,3}}?(?:has|had|made|wrote|has written|keeps|kept|is keeping)|(?:found|saw|discovered|came across|read)) "
       r"(?:a |an |his |her |their |this )?(?:hit list|kill list|list of (?:people|kids|names|classmates|students|teachers|coworkers|"
       r"co-workers|girls|boys) (?:\w+ ){0,3}?(?:wants?|wanted|is going|plans?|planned|going) to (?:kill|hurt|shoot|stab|get|make pay))"
       r"(?: (?:in|on|under|among) (?:his|her|their|my [\w']+)\b)?"
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:brought|took|takes|bringing|taking|carries|carried|carrying|hid|hides|hiding|snuck|sneaks) "
       # (whose: "his", "our dad's", "our dads", typed without the apostrophe)
       rf"(?:(?:a|my|his|her|the|their|our) )?(?:[\w-]+'s |(?:dads|moms|mums|grandpas|granddads|uncles|brothers) )?(?:loaded )?"
       rf"{WEAPON} (?:[\w']+ ){{0,3}}?(?:to|into) (?:school|class)\b"
       rf"|\b{OTHER} (?:[\w']+ ){{0,3}}?(?:looked up|looking up|looks up|searched|searching|searches|researching|researched|"
       r"watching videos (?:on|about)|learning|learned|googled|googling) how to (?:make|build) (?:a |an )?(?:pipe |nail |homemade |real )?"
       rf"(?:bomb|explosives?|ied)\b|\b{OTHER} (?:is|was|has been|have been) (?:making|building) (?:a )?(?:pipe |nail )?bombs?\b",
       someone_else=True, present_only=True, gate=r"\b(?:hit list|kill list|list of|bombs?|explosives?|ied|(?:to|into) (?:school|class))\b"),
    # Admiring past attackers is a warning sign, not a crisis alone: a cue for the learned layers.
    _r("har.admires_attackers", H, None,
       r"\b(?:obsessed with|idoli[sz]\w*|worships?|admires?|fascinated (?:by|with)|heroes are|hero is) (?:\w+ ){0,2}?"
       r"(?:columbine|school shoot\w*|mass shoot\w*|(?:the )?(?:school |mass )?shooters?)\b", strong=False),
    _r("har.behaviour", H, "behaviour",
       # Not someone's lie about the writer: "she told the police i hit her".
       # (the "i" looked at first: the look-behinds would cost time at every position)
       r"(?=i)(?<!say )(?<!says )(?<!said )(?<!claim )(?<!claims )(?<!claimed )(?<!pretend )(?<!police )(?<!cops )(?<!told )(?<!tells )"
       rf"(?<!telling )(?<!lied that )(?<!lying that )\b{I} (?:\w+ )?(?:hit|punched|slapped|kicked|choked|strangled|shoved|pushed|beat|stabbed|shot|attacked) "
       rf"(?:my {PARTNER_NOUN}|him|her)\b(?! up)(?! back)(?! to )(?! into (?:the |a )?(?:pool|water|lake|sea|snow|leaves|river))(?! with (?:the|a|this|that) (?:news|question|idea|truth|bill))"
       r"(?! (?:at|in) (?:chess|cards|tennis|a game|the game|arguments|monopoly|fortnite))"
       r"(?! (?:feelings|ego|pride|chances))(?! under the table)"
       # The writer who grabbed someone by the throat: strangulation is the LAP's gravest sign, whoever tells it.
       rf"|\b{I} (?:\w+ )?(?:grabbed|held|squeezed|pinned) (?:my {PARTNER_NOUN}|him|her) (?:by|against the wall by) (?:the|his|her) (?:neck|throat)\b"
       # The writer's weapon aimed or put to someone else (the LAP's first item, whoever tells it): "I pointed my dad's
       # gun at him", "i pulled a knife on my husband", "I held a knife to his throat", "I came at him with a knife".
       rf"|\b{I} (?:\w+ )?(?:pointed|aimed|pulled|held|put|pressed|swung|waved) {_THE_WRITER_S_WEAPON}"
       rf" (?:at|on|to|against|towards?) (?:him|her|them|(?:his|her|their) (?:head|throat|neck|face|chest|back|temple)\b|"
       rf"my (?:{PARTNER_NOUN}|{FAMILY_NOUN}|{PARENT_NOUN}|{CHILD_NOUN}|friend|neighbou?r|boss|ex)\b)"
       rf"|\b{I} (?:\w+ )?(?:came|went|ran|lunged) (?:at|after) (?:him|her|them|my [\w-]+) with {_THE_WRITER_S_WEAPON}",
       negatable=True),

    # ---------------------------------------------------------------- medical emergency
    _r("med.overdose", M, "overdose",
       # Not one wanted, planned, feared or imagined ("i want to overdose", "thinking of overdosing", "i will overdose
       # on insulin": sui.method_self and the learned layers), nor a near miss ("almost overdosed": sui.attempt).
       # (The "o" is looked at first: the look-behinds cost time at every position.)
       r"(?=o)(?<!to )(?<!wanna )(?<!gonna )(?<!will )(?<!would )(?<!could )(?<!might )(?<!i'll )(?<!about )(?<!of )"
       r"(?<!almost )(?<!nearly )"
       r"(?<!see )(?<!seen )(?<!lot: )(?<!with )(?<!treat )(?<!treated )\b(?:overdos\w*|od'd|od[ -]?ed|oded)\b(?!,? (?:and )?(?:stabbings|shootings|car|crashes|suicides|assaults|fights|falls))"
       r"(?! (?:on (?:\w+ )?(?:coffee|caffeine|sugar|chocolate|sweets|candy|netflix|tv|work|love|cake|carbs|cheese|crisps|chips)))"
       # ...or of what someone cooked or baked: "overdosed on my sister's christmas pudding again"
       r"(?! on (?:(?:the|my|his|her|their|our|all (?:the|my|his|her)|[\w-]+'s?) )*(?:[\w-]+ ){0,2}(?:pudding|puddings|pie|pies|"
       r"mince pies|turkey|trifle|biscuits|cookies|ice cream|stuffing|roast|dinner|dinners|cooking|baking|curry|lasagne|"
       r"cake|cakes|chocolate|chocolates|sweets|fudge|leftovers|christmas food|mulled wine|eggnog|gravy)\b)"
       # Too much of a good thing ("od'd on the christmas lights", "overdosed on gifts for the baby").
       r"(?! on (?:the |all the |his |her |their |our )?(?:\w+ )?(?:lights|decorations|decor|gifts|presents|shopping|glitter|"
       r"perfume|cologne|makeup|memes|drama|tiktok|social media|games|gaming|music|sun|cuteness|nostalgia|food|snacks|pizza|"
       r"candles|emojis|hugs|kisses|compliments|"
       # ...or of a chore or a screen: "we've all overdosed on team meetings this week"
       r"meetings|zoom|calls|emails|paperwork|admin|homework|revision|exams|screen ?time|screens|youtube|cartoons|"
       r"reality tv|football|sport|sports|family time|in-laws|advice|news|parenting books|podcasts)\b)"
       r"|\b(?:he|she|they|my \w+) (?:just )?(?:took|swallowed|has taken|downed) (?:a (?:whole |full )?(?:bunch|handful|bottle)|all|the (?:whole|entire)|too many|way too many|"
       r"\d+)(?: of)? ?(?:my |the |his |her )?(?:\w+ )?(?:pills|tablets|meds|medication|bottle)"
       r"|\bdrank (?:a (?:whole )?bottle of )?(?:bleach|antifreeze|poison)\b"
       # A child into someone's medicines ("the kids got into my pills", "my toddler ate grandma's heart tablets"); not
       # a child taking their own medicine as told.
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:\w+ )?(?:got into|got hold of|found and (?:ate|swallowed)|ate|has eaten|chewed) "
       r"(?:some of |a bunch of |a handful of |all (?:of )?|a whole (?:bottle|packet|pack|box) of |\d+ of )?(?:my|the|his|her|our|\w+'s) "
       r"(?:\w+ )?(?:pills|tablets|meds|medication|medicine|painkillers|sleeping pills|edibles|gummies)\b"
       rf"|\b(?:my|our|the) {CHILD_NOUN} (?:\w+ )?(?:swallowed|drank|took) (?:a bunch of|a handful of|all (?:of )?|a whole (?:bottle|packet|pack|box) of|"
       r"\d+ of|some of) (?:my|the|his|her|our|\w+'s) (?:\w+ )?(?:pills|tablets|meds|medication|medicine|painkillers|sleeping pills)\b"
       # A child who swallowed something that burns or blocks from inside: a button battery, magnets, a laundry pod.
       r"|\b(?:swallowed|ate|has eaten|drank|bit into) (?:a |an |some |two |three |the |my |his |her )?(?:button |coin )?"
       r"(?:batter(?:y|ies)|magnets?|laundry pods?|detergent pods?|tide pods?|dishwasher (?:tablet|pod)s?|drain cleaner|lamp oil|"
       r"lighter fluid|antifreeze|bleach)\b", present_only=True,
       gate=r"\b(?:overdos\w*|od'd|od[ -]?ed|oded|pills|tablets|meds|medication|medicine|painkillers|edibles|gummies|bottle|bleach|"
            r"antifreeze|poison|batter(?:y|ies)|magnets?|pods?|drain cleaner|lamp oil|lighter fluid)\b"),
    _r("med.not_breathing", M, "unresponsive",
       # (a worry told to be over is none: "wasn't breathing properly so we took her to the GP and it was just a cold")
       r"\b(?:isn't|is not|isnt|not|stop|stops|barely|(?:stopped|wasn't)(?![^.!?]*\b(?:turned out|it was (?:just|only)|"
       r"(?:he's|she's|they're|he is|she is|they are|all) (?:fine|ok|okay|better) now)\b)) breathing\b"
       # ...but not a toddler's breath-holding in a tantrum ("he stops breathing when he cries too hard")
       r"(?!(?: properly)? when (?:he|she|they) (?:cries|cry|gets upset|get upset|has a tantrum|throws a tantrum|screams))"
       # Not the writer, who is writing: "he choked me unconscious", "i was unconscious for a minute" (a blow told).
       r"|(?<!me )(?<!myself )(?<!i )(?<!i was )(?<!i went )(?<!i'd been )(?<!i had been )\b(?:is |was |went |lying |"
       r"found (?:him|her|them) )?(?<!like he's )(?<!like she's )(?<!like they're )(?<!as if he's )(?<!as if she's )"
       # ...nor a child lost in a screen: "unresponsive to everything when he's watching cartoons", "it's like she's unconscious"
       r"(?:unconscious|unresponsive)\b(?! bias)(?! to (?:everything|anything|me|us|texts|messages|calls|emails|requests|"
       r"questions|feedback|criticism)\b)"
       r"|\b(?:passed out|collapsed|fainted) (?:\w+ ){0,3}(?:and|but) (?:won't|wont|can't|cant|isn't|isnt|is not|not) (?:wake|waking|respond|responding|breathing|moving)"
       # ...or after a fall or a blow: "grandad fell down the stairs and isn't moving" (not "fell asleep").
       r"|\b(?:fell|has fallen|had a fall|hit (?:his|her|their) head|was hit by a car|got hit by a car) (?!asleep\b)(?:[\w']+ ){0,4}?"
       r"(?:and|but|now) (?:he's |she's |they're |he is |she is |they are )?(?:won't|wont|can't|cant|isn't|isnt|is not|not|aren't) "
       r"(?:wake|waking|respond|responding|breathing|moving(?! on| house| in\b| out| forward| back))\b"
       r"|\b(?:can't|cant|cannot|won't|wont) (?:wake (?:him|her|them|my \w+) up|get (?:him|her|them) to wake up)\b(?! (?:for|in the morning|on time|before|early))"
       # (not onto a sofa or into bed, tired: "she collapsed on the sofa after her night shift"; one who won't wake is
       # read above)
       r"|\b(?:he|she|they|my \w+) (?:just )?(?:collapsed(?! (?:on|onto|into|in) (?:the |a |her |his |their |my |our )?"
       r"(?:sofa|couch|settee|bed|armchair)\b)|is having a seizure|had a seizure|is seizing|is convulsing)\b",
       present_only=True),
    _r("med.urgent_symptoms", M, "urgent_symptoms",
       r"(?:\bchest (?:pain|pains|is tight|feels tight|pressure|hurts|is hurting)\b|\bpain in (?:my|his|her) chest\b)"
       # ...not chest pains a doctor has already put down to stress: "since the redundancy i get chest pains from
       # stress, the gp says it's anxiety" (unless "but this feels different")
       r"(?!.{0,80}\b(?:gp|doctor|doc|dr|cardiologist|nurse)s? (?:says?|said|thinks?|thought|told (?:me|him|her)) "
       r"(?:it's|it is|it was|its|they're|they are) (?:just |only )?(?:anxiety|stress|panic attacks?|reflux|heartburn|muscular|"
       r"a pulled muscle|nothing serious)\b(?!,? but))"
       r"|\b(?:can't|cant|cannot|can not|couldn't|unable to|struggling to|hard to|trouble|difficulty) (?:breathe|breathing|catch (?:my|his|her) breath)\b"
       r"(?= .{0,60}\b(?:chest|lips|blue|swell\w*|allerg\w*|asthma|inhaler|911|999|000|112|ambulance|er\b|hospital|choking|throat)\b)"
       r"|\b(?:lips|face|skin) (?:are |is )?(?:turning |gone |going )?blue\b|\bface (?:is )?drooping\b|\bslurr\w* (?:his|her|my) (?:words|speech)"
       r"|(?<!thought i was )(?<!thought i'd )(?<!thought she was )(?<!thought he was )\b(?:having|is having) a (?:heart attack|stroke|seizure|severe allergic reaction|anaphylactic)\b|\banaphyla\w*"
       # ...or had one, in a sentence that does not tell of its aftermath: a carer's "since he had a stroke", "mum had
       # a stroke in march and can't use her hand", "he had a stroke and he's been in rehab for weeks".
       # (nor said of who someone is: "my husband, who has had a stroke")
       rf"|{_NOT_AN_AFTERMATH}(?<!thought i )(?<!thought she )(?<!thought he )(?<!who has )(?<!who's )(?<!who )"
       r"\bhad a (?:heart attack|stroke|seizure|severe allergic reaction|anaphylactic)\b"
       r"|\bthroat (?:is )?(?:closing|swelling)\b|\bnumb\w* (?:in )?(?:my|his|her) (?:left )?(?:arm|face)\b", present_only=True),
    # Voices that tell someone to hurt or kill (command hallucinations), a new mother who believes her baby is evil or
    # must be saved: psychosis, which after a birth can come within days and is an emergency for the mother and the
    # baby.
    _r("med.psychosis", M, "urgent_symptoms",
       # Someone else's psychosis told by the family ("I'm having a psychotic break" is more often a figure of speech).
       r"\b(?:he|she|they|my [\w']+(?: [\w']+)?)(?:'s| is| are|'re)? (?:having|in|going through) (?:a )?(?:psychotic (?:episode|break)|psychosis)\b"
       r"|\b(?:hear|hearing|hears|heard) (?:a |the )?voices? (?:[\w']+ ){0,3}?(?:telling|tell|tells|told|saying|ordering|commanding) "
       r"(?:me|her|him|them) (?:that i (?:should|have to|must) |to )(?:hurt|kill|harm|drown|smother|stab|shake|get rid of|jump)\b"
       # What she says or believes, not a tired parent's joke ("the baby is evil lol") nor a doubt ("the baby is not mine").
       r"|\b(?:she|my wife|my partner|my girlfriend|my daughter|i)(?:'s| is)? (?:saying|says|keeps saying|thinks|believes|is convinced|"
       r"convinced|think|believe|know|knows)(?: that)? (?:the|my|our|her) (?:new ?born|baby|infant) (?:is|was) (?:evil|the devil|possessed|"
       r"not real|not human|(?:going|trying) to (?:kill|hurt) (?:me|us|her))\b",
       present_only=True),
    _r("med.injury", M, "injury",
       r"\bbleeding (?:a lot|heavily|badly|everywhere|won't stop|wont stop|that won't stop|and won't stop|profusely|out)\b"
       r"|\bwon't stop bleeding\b|\bhit (?:his|her|my) head (?:\w+ ){0,3}(?:and|now) (?:is |was )?(?:confused|vomiting|throwing up|not making sense|unconscious|passed out)"
       r"|\b(?:broken|broke) (?:his|her|my) (?:neck|back|skull)\b|\bsevere (?:burn|burns|bleeding)\b", present_only=True),
    # Someone who cannot look after themselves, gone ("my dad with dementia wandered off and we can't find him"), or
    # lying where they fell ("my grandma has been on the floor since last night").
    _r("med.vulnerable_adult", M, "urgent_symptoms",
       r"\b(?:dementia|alzheimer'?s|alzheimers)\b.{0,80}\b(?:wandered off|wandered out|went missing|is missing|has gone missing|"
       r"(?:can't|cannot|can not|couldn't) find (?:him|her|them))\b"
       r"|\b(?:(?:fell|fallen|has fallen)(?! (?:asleep|for|in love|behind|apart|pregnant|through))|on the floor|on the ground)\b(?: [\w']+){0,6}? "
       r"(?:and )?(?:can't|cannot|can not|couldn't|won't) "
       r"(?:get up|move|stand up|stand)\b"
       r"|\b(?:has been|been|was|is|'s) (?:lying )?on the (?:floor|ground) (?:since|for (?:hours|\d+ hours|the night|a day|two days)|all night|"
       r"overnight)\b", present_only=True),
    # An eating disorder with a body giving way: fainting, a slow or uneven heart, chest pain, vomiting blood. Anorexia
    # kills more often than any other mental illness, mostly through the heart; these are the signs for which the
    # guidance (MEED) says get medical help the same day. "My daughter hasn't eaten in a week and she's fainting, she
    # says she's fat" is this, not a child left without food (chi.neglect), and the medical reply fits it.
    _r("med.eating_disorder", M, "urgent_symptoms",
       rf"{_ED_OVER}\b(?:{_ED}).{{0,120}}\b(?:{_ED_DANGER})|\b(?:{_ED_DANGER}).{{0,120}}{_ED_OVER}\b(?:{_ED})",
       present_only=True, gate=rf"\b(?:{_ED_DANGER})"),
    _r("med.call_emergency", M, None, r"\b(?:call(?:ed|ing)?|dial(?:led|ing)?) (?:911|999|000|112|an ambulance|the ambulance)\b", strong=False,
       present_only=True),
)

class _lazy:
    """A regular expression compiled on first use."""

    def __init__(self, source: str):
        self.source, self._p = source, None

    def _get(self) -> re.Pattern[str]:
        if self._p is None:
            self._p = re.compile(self.source)
        return self._p

    def search(self, text):
        return self._get().search(text)

    def sub(self, repl, text):
        return self._get().sub(repl, text)

    def finditer(self, text):
        return self._get().finditer(text)


# Modifiers that raise a suicide hit along the C-SSRS ladder.
SUI_METHOD = _lazy(
    r"\b(?:pills|overdose|od|hang(?:ing)? myself|hang me|rope|noose|jump(?:ing)? (?:off|from|in front)|bridge|gun|shoot myself|"
    r"shooting myself|slit|wrists?|razor|blades?|train|tracks|carbon monoxide|drown(?:ing)? myself|bleach|cliff|rooftop|"
    r"crash(?:ing)? (?:my|the) car|drive (?:my car )?(?:off|into)|driving (?:my car )?(?:off|into)|how (?:i would|i'd|i could|to) do it|"
    r"which way|the easiest way|painless|roof|ledge|car running|engine running|exhaust"
    # a quantity taken at once, or a way told in other words: "every pill in the cabinet", "walk into the sea"
    r"|every pill|all (?:the|my|of my|of the|of his|of her) (?:pills|tablets|meds|medication|insulin)|"
    r"(?:the |a )?whole (?:bottle|box|packet|pack|strip)|walk(?:ing)? into the (?:sea|ocean|river|lake|water|traffic)|"
    r"in front of (?:a |the )?(?:train|bus|lorry|truck))\b")
SUI_INTENT = _lazy(
    r"\b(?:going to|gonna|i will|i'll|i've decided|i have decided|decided to|ready to|about to|intend|tonight|"
    r"this weekend|tomorrow night|right now|(?:when|after|once) (?:everyone|they|the kids|he|she)(?: (?:is|are)|'s|'re) "
    r"(?:asleep|gone|at|in bed|out)"
    # where it would happen, now: "i'm on the roof", "standing on the bridge"
    r"|(?:i'm|im|i am) (?:standing |sitting |stood |sat )?(?:on|at) (?:the )?(?:roof|rooftop|ledge|edge|bridge|train tracks|tracks|cliff))\b")
SUI_PREP = _lazy(
    r"\b(?:(?:wrote|written|writing|left|leave) (?:a |my )?(?:suicide |goodbye |farewell )?(?:note|letters)|"
    r"(?:giving|gave) away (?:my|all my) (?:stuff|things|belongings|possessions)|said (?:my )?goodbyes?|"
    r"(?:saved|saving|stockpil\w*|hoard\w*|collect\w*) (?:up )?(?:my |all my |enough )?(?:\w+ )?(?:pills|meds|medication|tablets|"
    r"antidepressants|painkillers|insulin)|(?:this is )?my (?:last|final) (?:message|text|post|goodbye)|goodbye (?:everyone|forever)|"
    r"bought (?:a |some )?(?:rope|gun|pills|razor|noose)|(?:have|got|made) (?:a|the|my) plan|planned (?:out )?(?:how|when|it)|"
    r"(?:picked|chose|chosen|know) (?:a |the )?(?:date|day|spot|place|bridge|time)|ready to go|have everything ready|"
    # a letter that explains a going ("a letter for my wife explaining why i had to go")
    r"letter (?:for|to) (?:my |the )?(?:\w+ )?(?:explaining|saying (?:sorry|goodbye|why))|"
    # a time set for "it": "i'm planning to do it on my birthday"
    r"(?:planning|plan|planned) to do it (?:on|when|after|before|this|next|tonight|tomorrow))\b")

# A threat said in a temper, its cause named: in its condition ("I'm going to strangle my brother if he brings up politics
# at Thanksgiving again", "...murder him if he leaves his towel on the bed one more time") or with "for" ("I'm going to
# murder him for leaving the door open") (IDIOMS). The writer's own temper only: "he says he'll kill her if she goes
# out with her friends again" is someone's threat. And not when the cause is harm, contact, control of whom a partner
# sees or where they go, an affair or a lie (where a partner's threat to kill is most often meant), a child or earnest
# ("if he touches her again", "if she goes out with her friends again", "for cheating on me"), nor when it points back
# to an act told before it ("he punched my son and I'm going to kill him if he does it again"): the threat is then
# read as one.
_THE_WRITER_WILL = (r"\b(?:i'm|im|i am|i'll|ill|i will|i'd|i could|i would)(?: (?:literally|honestly|actually|seriously|so|"
                    r"just))?(?: going to| gonna)?")
_A_THREAT_S_CAUSE = (r"hit|hits|hurt|hurts|harm\w*|touch\w*|lays? (?:a )?(?:finger|hand)|"
                     # someone who comes to the door: "if he comes round again I'll kill him"
                     r"comes? (?:near|after|for|round|around|over|back|here|to (?:the|our|my) (?:house|door|flat|home))|"
                     r"shows? up|turns? up|showing up|turning up|"
                     r"goes? (?:near|after)|abus\w*|beat\w*|push\w*|shov\w*|kick\w*|punch\w*|slap\w*|grab\w*|chok\w*|"
                     r"strangl\w*|threat\w*|follow\w*|stalk\w*|rap\w*|molest\w*|leaves? (?:me|us)|left (?:me|us)|bruis\w*|"
                     r"raises? (?:his|her|a) hand|drunk|drinks? and drives?|"
                     # whom a partner sees, where they go
                     r"goes? out|going out|went out|stays? out|staying out|leaves? (?:the house|home)|talks? to|talking to|"
                     r"texts?|texting|messag\w*|calls?|calling|flirt\w*|dances? with|dancing with|looks? at|looking at|"
                     r"sees?|seeing|saw|"
                     # an affair or a lie
                     r"cheat\w*|affair|lying|lied|lies|sleeps? with|sleeping with|slept with")
# No word of such a cause in what is read (a cause's word starts none of its words), or in the rest of its sentence.
_NO_THREAT_S_CAUSE = rf"(?!(?:{_A_THREAT_S_CAUSE}|{CHILD_NOUN}|{EARNEST})\b)"
_IT_IS_A_THREAT = rf"(?![^.!?]*?\b(?:{_A_THREAT_S_CAUSE}|{CHILD_NOUN}|{EARNEST})\b)"
# The condition, before the threat or after it: "if he leaves his socks out one more time I'll strangle him", "I'll
# strangle him if he leaves his socks out again".
_A_TEMPER_S_CONDITION = (rf"if (?:he|she|they|my {_NO_THREAT_S_CAUSE}[\w-]+) "
                         r"(?![^.!?]*?\b(?:does|did|do|tries|try|pulls|says) (?:it|that|this)\b)"
                         rf"(?:{_NO_THREAT_S_CAUSE}[\w']+ ){{1,10}}?(?:again|one more time|one more {_NO_THREAT_S_CAUSE}[\w-]+(?: {_NO_THREAT_S_CAUSE}[\w']+){{0,3}}?)\b")
_A_TEMPER_S_CAUSE = rf"for {_NO_THREAT_S_CAUSE}\w+ing\b"
_WHOM_A_TEMPER_THREATENS = rf"(?:him|her|them|my (?:{FAMILY_NOUN}|{PARTNER_NOUN}|{PARENT_NOUN}))"

# The words of a wish to die said in a temper (IDIOMS), and the laugh that must come after them in the sentence.
_A_WISH_TO_DIE_IN_A_TEMPER = (r"(?:(?:throw myself|jump) (?:off|out of|in front of) (?:the|a|my|our) [\w-]+(?: [\w-]+)?"
                              r"|kill myself|end it all|walk into the sea)")
_LAUGHED_AFTER = r"(?=[^.!?]{0,40}?(?:\blol\b|\blmao\b|\bhaha\w*|😂|🤣|😅|🙃|🙄))"

# Idioms and homonyms, masked before matching (and before the classifier).
IDIOMS = _lazy(
    r"\b(?:this|that|it|work|school|traffic|the \w+|my \w+|these \w+|those \w+|you|you're|ur|these|those|heat|kids|they're)"
    r"(?: \w+){0,2}(?: (?:is|are|was|were|keeps|keep)|'s|'re) (?:literally |really |honestly |just |so |slowly )?killing me\b"
    r"|\b(?:it's|its|it is|this is|that's|thats) killing me\b"
    r"|\bdie of (?:embarrassment|shame|boredom|cringe|laughter|laughing|envy|jealousy|curiosity|old age)\b"
    # a fright, not a heart ("i about had a heart attack in the bleachers", "she nearly gave me a heart attack")
    r"|\b(?:nearly|almost|about|practically|basically|literally|near enough) (?:had|having|have|gave (?:me|him|her|us)) "
    r"(?:a|an actual) (?:heart attack|stroke|coronary|seizure)\b|\b(?:gave|give|giving|gives) (?:me|him|her|us) a heart attack\b"
    r"|\bkill(?:ing|ed|s)? it\b(?! all)"
    r"|\bkill(?:ing|ed|s)? (?:a |the |this |that |my |all |every |off )?(?:\w+ )?(?:process|processes|task|thread|threads|job|jobs|app|"
    r"server|program|container|pod|session|tab|engine|lights|mood|vibe|time|game|bug|bugs|spider|spiders|weeds|plant|"
    r"plants|germs|bacteria|battery|conversation|buzz|joke|signal|pid|switch|two birds)\b"
    r"|\bkill -\w+|\bkill \d+\b|\bpkill\b|\bkillall\b"
    r"|\b(?:could|would|'d|i'd|id) (?:totally |honestly |literally )?(?:kill|murder|die) for (?:a|an|some|the|another)\b"
    r"|\b(?:could|would|'d) (?:totally |honestly |literally )?murder (?:a|an|some|the)? ?(?:pizza|burger|curry|coffee|beer|drink|"
    r"sandwich|pint|kebab|steak|meal|snack|\w+ (?:pizza|burger|sandwich))\b"
    r"|\bdying (?:to|for) (?:see|try|know|meet|hear|go|get|tell|a|some|the)\b|\bdying of (?:laughter|boredom|embarrassment|curiosity|"
    r"thirst|cringe)\b|\b(?:died|dying|dead) (?:laughing|of laughter)\b|\bto die for\b"
    r"|\b(?:bored|love (?:you|him|her|them|it)|sick|worked|work (?:me|myself)|scare me|scared me|freaked me) to death\b"
    r"|\b(?:phone|battery|laptop|car|plant|plants|tv|charger)(?: is| was|'s)? (?:dying|died|dead)\b"
    r"|\b(?:dead ?line|dead end|dead tired|dead serious|dead on|drop dead gorgeous|deadpan|dead weight|deadlift\w*)\b"
    r"|\b(?:i'm|im|i am) dead (?:lol|lmao|😂|🤣)|\bkill me now\b(?=.{0,15}(?:lol|lmao|haha|😂|🤣))"
    r"|\bshoot (?:me|us) (?:a|an) (?:text|email|message|line|note|dm)\b|\bhit (?:me|us) up\b|\bchoked (?:me )?up\b"
    r"|\bbeat (?:me|us|him|her) (?:to it|at|in)\b|\bhit (?:me|him|her) (?:with|like) (?:a ton of bricks|the news)\b"
    r"|\bsuicide (?:squad|doors?|mission|run|bomb\w*|drill|sprints?|king)\b|\b(?:overkill|painkiller|killer (?:app|deal|workout|view|outfit))\b"
    r"|\b(?:my|the|our) (?:back|feet|head|knees|legs|neck) (?:are|is) killing me\b"
    r"|\b(?:slay|slayed|slaying|slays)\b|\bdressed to kill\b|\bkill(?:ing)? time\b|\bkill two birds\b"
    r"|\bcommute (?:is |was )?killing me\b|\bstab at\b|\btake a stab\b|\b(?:shot|shoot) (?:a|the) (?:photo|video|film|movie|scene|hoops|pool)\b"
    r"|\bsuicide (?:prevention|awareness)\b|\bhurt (?:my|his|her|their|our|your) (?:feelings|pride|ego)\b"
    # fear of how someone will take the news, not of the person
    rf"|\b(?:afraid|scared|terrified|worried|nervous|anxious) (?:of|about) (?:his|her|their|my (?:\w+'s|\w+s')) "
    rf"(?:{REACTION_NOUN}|disappointment)\b"
    r"|\bkick(?:ed|s|ing)? (?:me|him|her|us) out of (?:the |our |his |her )?(?:bedroom|bed|room|kitchen|game|team|group chat|band|club)\b"
    # Frustration and self-blame, not a blow: "like banging my head against a brick wall", "i beat myself up about it".
    r"|\b(?:bang|bangs|banging|banged|hit|hitting|beat|beating) (?:my|our|your|his|her|their) heads? (?:against|on) a "
    r"(?:brick |stone )?wall\b(?! (?:until|till|til|over and over|again and again|on purpose|so hard))"
    r"|\b(?:beat|beats|beating) (?:myself|yourself|himself|herself|ourselves|themselves) up\b"
    r"|\b(?:i|we) (?:nearly|almost) died (?:laughing|of)\b|\b(?:shot|shoot|shooting|shoots) (?:myself|ourselves|himself|herself) in the foot\b"
    # A household threat that is not one, its cause named before it or after it (_A_TEMPER_S_CONDITION): "if he leaves
    # his towel on the bed one more time I'm going to murder him", "I'll murder him for leaving the door open".
    rf"|\b{_A_TEMPER_S_CONDITION},? (?:and )?(?:i swear,? )?{_THE_WRITER_WILL} (?:kill|murder|strangle|throttle) "
    rf"{_WHOM_A_TEMPER_THREATENS}\b{_IT_IS_A_THREAT}"
    rf"|{_THE_WRITER_WILL} (?:kill|murder|strangle|throttle) {_WHOM_A_TEMPER_THREATENS} (?:{_A_TEMPER_S_CONDITION}|{_A_TEMPER_S_CAUSE})"
    rf"{_IT_IS_A_THREAT}"
    # A wish to die said in a temper, its cause an ordinary one, with a laugh after it: "if he buys one more gadget I'll
    # throw myself off the balcony lol". Without the laugh, it is read as said.
    rf"|\b{_A_TEMPER_S_CONDITION},? (?:and )?(?:i swear,? )?{_THE_WRITER_WILL} {_A_WISH_TO_DIE_IN_A_TEMPER}{_IT_IS_A_THREAT}"
    rf"{_LAUGHED_AFTER}"
    rf"|{_THE_WRITER_WILL} {_A_WISH_TO_DIE_IN_A_TEMPER} {_A_TEMPER_S_CONDITION}{_IT_IS_A_THREAT}{_LAUGHED_AFTER}"
    # laughter, not a wish to die: "I'm killing myself laughing here"
    r"|\bkill(?:ing|ed|s)? (?:myself|ourselves) (?:laughing|with laughter)\b"
    r"|\b(?:nearly|almost) killed (?:myself|ourselves) (?:laughing|on the|at the|trying|getting|carrying|running|lifting)\b|\bhill (?:i|they|you|we|he|she|people)(?: (?:want to|wanna|would|will)|'d|'ll) die on\b|\bthey'?ll kill me if i'?m late\b"
)

_NEG_WINDOW = re.compile(rf"(?:^|\s){NOT}(?:\s+[\w']+){{0,3}}\s*$")
# "I don't understand why he is so controlling", "I don't know if he'd hurt me": the statement is not denied.
# "he didn't just push me", "he never stopped hitting me", "I never told anyone he chokes me", "he hasn't let me see
# my friends in months", "my parents don't know I cut myself": not denied either.
_NOT_A_DENIAL = re.compile(rf"\s?{NOT}\s+(?:(?:know|understand|get|see|realise|realize|remember)\s+(?:why|how|if|whether|what|when)\b"
                           r"|(?:just|only|merely|simply|stop|stopped|stops|quit|tell|told|say|said|admit|admitted|mention|"
                           r"mentioned|let|lets|allow|allows|allowed)\b"
                           # "my parents don't know I cut myself", "she won't believe that he hits me"
                           r"|(?:know|knows|knew|believe|believes|believed|realise|realize|realises|realizes|notice|notices|"
                           r"noticed|understand|understands|care)\s+(?:anymore\s+|any more\s+)?(?:that\s+|about\s+)?(?:i|i'm|im|i've|"
                           r"i'd|he|she|they|he's|she's|my|what|about)\b"
                           # "i have no idea why he chokes me": no denial of what follows
                           r"|(?:idea|clue)\s+(?:why|how|what|if|whether|when|that|i|i'm|im|i've|i'd|he|she|they|he's|she's|my)\b)")
_LAUGH = re.compile(r"(?:\blol\b|\blmao\b|\bhaha\w*|😂|🤣|\bjk\b|\bjust kidding\b)")


def mask_idioms(text: str) -> str:
    """Replace idioms and homonyms of the crisis vocabulary with a neutral token."""
    return IDIOMS.sub(" _idiom_ ", text)


@dataclass(frozen=True)
class Hit:
    rule: Rule
    start: int
    end: int
    someone_else: bool = False  # the one at risk is someone else in the writer's life (Rule.someone_else)


def _clause_before(text: str, start: int, width: int, breaks: tuple[str, ...]) -> str:
    """The clause before a match: at most ``width`` characters, back to the last of ``breaks``."""
    window = text[max(0, start - width):start]
    for sep in breaks:
        cut = window.rfind(sep)
        if cut >= 0:
            window = window[cut + len(sep):]
    return window


_SENTENCE_BREAKS = (".", "!", "?", ";")
_DENIAL_BREAKS = _SENTENCE_BREAKS + (" but ", " however ", " though ")  # where a denial stops reaching
# A conjunction the clause before a statement ends with, and a subject after it or at the statement's start ("...and he
# | chokes me", "...and | she's been cutting"): a new clause.
_SUBJECT_WORD = r"(?:i|i'm|im|i've|ive|i'd|i'll|he|she|they|he's|she's|they're|hes|shes|we|my|our|his|their)"
_A_SUBJECT = re.compile(rf"{_SUBJECT_WORD}\b")
# ...or a subject the words before the statement end with ("no joke he | choked me", "not kidding my husband | ...").
_A_SUBJECT_LAST = re.compile(rf"\s{_SUBJECT_WORD}(?:\s+[\w']+)?\s+$")
# Verbs whose object is the clause after them ("i don't think he...", "not sure i...", "i don't mind when he..."): a
# denial of them reaches it.
_TAKES_A_CLAUSE = re.compile(r"\b(?:think|thought|believe|believed|know|knew|say|said|says|saying|mean|meant|feel|felt|"
                             r"remember|suppose|guess|reckon|imagine|expect|expected|want|wanted|wish|hope|sure|claim|claimed|"
                             r"pretend|see|saw|notice|noticed|realise|realize|realised|realized|tell|told|mind|thinking|"
                             r"feeling|admit|deny|recall|that|like|as if)\b")
# ...and the subject after its verb, which carries the denial on ("i'm not, nor was i ever, suicidal", "never have i").
_INVERTED = re.compile(rf"\b(?:was|were|am|is|are|do|did|does|have|had|has|will|would|could|can|should)\s+{_SUBJECT_WORD}\b")
_JOINED = re.compile(rf"\b(?:and|so|because|cos|coz|then|now)\s+(?P<subject>{_SUBJECT_WORD}\b(?:\s+[\w']+){{0,2}}\s+)?$")


def _negation_start(text: str, start: int) -> int | None:
    """Where the denial of a statement starting at ``start`` begins ("i'm *not* suicidal"), or None if it is not denied.

    ~40 characters back, to the last sentence break or "but": "I'm not suicidal", not "no sleep, but I want to die".
    """
    clause = _clause_before(text, start, 40, _DENIAL_BREAKS)
    found = _NEG_WINDOW.search(clause)
    # Read on past the clause into the statement itself: "don't know | I cut myself".
    if found is None or _NOT_A_DENIAL.match(text, start - len(clause) + found.start()):
        return None
    # A denial ends where a new clause with its own subject begins: "i'm not ok and i want to die", "we have no money
    # and he chokes me", "there's no point anymore and she's been cutting" deny nothing of what follows "and".
    joined = _JOINED.search(clause, found.start())
    if joined and (joined.group("subject") or _A_SUBJECT.match(text, start)):
        return None
    # ...or, as chat is typed without stops, where a clause with its own subject begins after the denied words ("i'm
    # not okay | i want to die", "no joke | he choked me"), unless they are a verb that takes that clause as its object
    # ("i don't think | he hits me", "not sure | i want to die").
    denied = clause[found.start():]
    if ((_A_SUBJECT_LAST.search(denied) or _A_SUBJECT.match(text, start)) and not _TAKES_A_CLAUSE.search(denied)
            and not _INVERTED.search(text, start - len(denied), start + 12)):
        return None
    return start - len(clause) + found.start()


_PAST_WINDOW = re.compile(r"\b(?:back in|years? ago|decades? ago|months? ago|weeks ago|last (?:year|month|summer|winter|spring|"
                          r"autumn|fall|christmas)|when (?:i was|we were) (?:a kid|kids|little|young|\d+|a teen|a teenager|teenagers)|"
                          r"as a (?:kid|child|teen|teenager))\b")


# A film or a nurse's patients: someone else's story, not an emergency in the family now. Kept narrow on purpose:
# "he collapsed at work and isn't breathing" is an emergency.
_STORY_WINDOW = re.compile(rf"\b(?:{_A_STORY})\b")


# What a sentence says after the statement that shows it is over: when it happened ("she overdosed last year"), in the
# statement's own clause, or how it ended ("he overdosed at a party, survived and is in rehab", "three overdoses this
# week, all survived"), anywhere in its sentence. Not a hope or a doubt ("not sure he survived"), not a past that is
# not this one ("overdosed again, he was in rehab last year"), and never when the clause says it is happening again
# or now: those are emergencies still.
_OVER_WHEN = re.compile(_PAST_WINDOW.pattern
                        + r"|\bin (?:19|20)\d\d\b|\bin (?:the|his|her|their) (?:teens|twenties|20s|\d0s)\b"
                        + r"|\bin the (?:spring|summer|autumn|fall|winter)\b")
# Handled for good: recovered, in treatment, being helped by the people who should ("she's getting support", "his
# parents know", "has a safety plan").
_HANDLED = re.compile(
    r"\b(?:recovered|\d+ (?:days|weeks|months|years) (?:clean|sober)|(?:got|getting|gets) (?:him |her |them )?help"
    r"|(?:got|get|getting) (?:him|her|them) (?:into|in to|to) (?:therapy|counselling|counseling|treatment|a therapist|a counsell?or)"
    r"|(?:is|he's|she's|they're|hes|shes|theyre|now|is now|are) (?:clean|sober|doing (?:well|better|great|fine|ok|okay|brilliantly)|"
    r"thriving(?: now)?|in a (?:much )?better place|"
    r"(?:seeing|getting support from) (?:a |her |his |their |the )?(?:school )?(?:counsell?or|counselor|therapist|psychiatrist|psychologist)|"
    r"in (?:rehab|recovery(?! position)|treatment|therapy|counselling|counseling|a treatment (?:center|centre|program|programme))))\b"
    r"|\b(?:is|are|'s|was|were|now) (?:getting|receiving|having) (?:help|support|treatment|care|counselling|counseling|therapy)\b"
    r"|\b(?:her|his|their) (?:parents|mum|mom|dad|family|doctor|gp|therapist|school) (?:know|knows|are aware|is aware|"
    r"found out|got (?:her|him|them) help|are (?:handling|on it)|is (?:handling|on it))\b"
    r"|\b(?:has|have|made) a safety plan\b|\bthe school (?:counsell?or |counselor )?(?:knows|is involved|is aware|is on it)\b"
    # out of an abusive relationship: "she left him ages ago"
    r"|\b(?:she|he|they) (?:finally |has |have )?(?:left|divorced|got away from|escaped) (?:him|her|them)\b")
# Over as an emergency: survived, home, safe now. Not over as a risk of suicide: the days after an attempt are the
# most dangerous ones ("she tried to kill herself last night, she's home now").
_OVER_HOW = re.compile(
    r"(?<!sure )(?<!if )(?<!whether )(?<!hope )(?<!hoping )\b(?:he|she|they|all|both|and|but|who) (?:\w+ )?survived\b"
    r"|\b(?:is|he's|she's|they're|hes|shes|theyre|now|is now|are) (?:home now|(?:ok|okay|fine|safe|stable) now)\b"
    r"|" + _HANDLED.pattern)
_HAPPENING_AGAIN = re.compile(r"\b(?:again|tonight|right now|just now)\b")


def _clause_after(text: str, end: int, width: int, breaks: tuple[str, ...]) -> str:
    """The rest of the clause after a match: at most ``width`` characters, up to the first of ``breaks``."""
    window = text[end:end + width]
    for sep in breaks:
        cut = window.find(sep)
        if cut >= 0:
            window = window[:cut]
    return window


def _not_happening_now(text: str, start: int, end: int, theirs: bool = False) -> bool:
    """Whether the statement at ``text[start:end]`` is a story that is over or someone else's (a present-only rule
    then does not fire): said so before it, in its own clause after it, or by how its sentence says it ended. Someone
    else's risk of suicide (``theirs``) is over only when it is handled for good (``_HANDLED``): "home now" or "safe
    now" ends an overdose as an emergency, not the days after an attempt, the most dangerous ones. That may be said in
    the next sentence too: "my friend's son was cutting himself. he's in therapy now and doing well"."""
    clause = _clause_before(text, start, 60, _SENTENCE_BREAKS)
    if _PAST_WINDOW.search(clause) or _STORY_WINDOW.search(clause):
        return True
    own_clause = _clause_after(text, end, 80, _SENTENCE_BREAKS + (",", " but "))
    if _HAPPENING_AGAIN.search(own_clause):
        return False
    ending = _clause_after(text, end, 80, _SENTENCE_BREAKS)
    if not theirs:
        return bool(_OVER_WHEN.search(own_clause) or _OVER_HOW.search(ending))
    ending = text[end:end + len(ending) + 1] + _clause_after(text, end + len(ending) + 1, 100, _SENTENCE_BREAKS)
    return bool(_OVER_WHEN.search(own_clause) or _HANDLED.search(ending))


_CLAUSE_BREAKS = _DENIAL_BREAKS + (",", " and ")  # where a denied clause starts

# The subject a clause ends with, when it is someone other than the writer: "she", "my sister", "our neighbour", "a
# mom at school" (with a word or two between: "my sister finally", "my best friend"). "I", "me and my kids", no
# subject at all ("finally escaped an abusive marriage") and the writer after someone else ("she knows I was in")
# are the writer's. Not ``OTHER`` (someone at risk of suicide): a writer leaves an abusive marriage with "my kids",
# who are not the subject of it, and "a colleague" or "the neighbour" is someone else here.
_SOMEONE_ELSE = re.compile(
    r"(?:\b(?:she|he|they)|\b(?:my|our|her|his|their|a|the) (?:[\w']+ ){0,2}?(?:friend|neighbou?r|sister|brother|"
    r"cousin|aunt|mom|mum|mother|dad|father|colleague|coworker|co-worker|daughter|son|niece|nephew|grandma|grandmother|"
    r"uncle|boss|client|student|patient|sister-in-law|mother-in-law)s?) (?:(?!(?:i|i'm|im|i've|ive|i'd|me|we|us)\b)[\w']+ ){0,2}?$")


def _someone_elses(text: str, start: int) -> bool:
    """Whether the statement at ``start`` is said of someone other than the writer (its clause's subject)."""
    return bool(_SOMEONE_ELSE.search(_clause_before(text, start, 50, _CLAUSE_BREAKS + (" that ", " who "))))


# A suicide statement with no subject of its own ("suicidal thoughts", "a suicide attempt", "self-harm") after someone
# else in the writer's life, with no "I", "me" or "my" between: "my daughter has suicidal thoughts", "my best friend
# was in hospital for suicidal thoughts". It is theirs, not the writer's.
_THEIR_STATEMENT = re.compile(
    rf"\b{OTHER} (?:(?!(?:i|i'm|im|i've|ive|i'd|me|my|we|us|our|myself)\b)[\w']+ ){{0,6}}?$")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself)\b")


# Someone else's words, quoted: "she texted me "i don't want to be alive"", "my partner keeps saying 'I'm tired of
# existing'". The "I" in the quote is theirs.
_QUOTED_BY = re.compile(rf"\b{OTHER} (?:[\w']+ ){{0,3}}?{QUOTING}(?: to me| me| us| to us)?(?: that)?[,:]? ?$")
_QUOTED_THREAT = re.compile(QUOTED_SUICIDE_THREAT)
# A cheap look before the long pattern: every quoted threat puts a condition on "you" ("if you", "unless you").
_MAY_THREATEN = re.compile(r"\b(?:if|unless|when|whenever|time|day|moment) you\b")
_CONDITIONED_THREAT = re.compile(CONDITIONED_SUICIDE_THREAT)
_MAY_THREATEN_ON_CONDITION = re.compile(r"\b(?:if|unless|whenever|time|when) i\b")


def _quoted_by_someone_else(text: str, start: int) -> bool:
    """Whether ``start`` is inside words quoted from someone else (see above)."""
    opening = text.rfind('"', max(0, start - 100), start)
    if opening < 0 or text.count('"', 0, start) % 2 == 0:  # not inside a quotation
        return False
    return bool(_QUOTED_BY.search(text[max(0, opening - 80):opening]))


_STARTS_WITH_OTHER = re.compile(rf"\b{OTHER}\b")
_NAMES_SOMEONE = re.compile(rf"\b(?:him|her|them|his|their|{THEM_SELF}|my [\w']+)\b")
# The writer as the subject of a statement that names no one: "I was admitted to the psych ward after an attempt".
# The writer as the one who did what follows ("I grabbed her", "I picture grabbing him"), not as a witness ("I found
# him choking her", "I saw my dad").
# (Not with someone else as the subject between: "I think he choked me", "I know she hit me" are the writer's abuse.)
_WRITER_DID = re.compile(r"\b(?:i|i've|ive|i'd|i had|i have)(?: (?!saw\b|see\b|seen\b|found\b|find\b|watched\b|watch\b|heard\b|"
                         rf"hear\b|caught\b|noticed\b|walked\b|{_ANOTHER_SUBJECT})[\w']+){{0,3}} $")
_WRITER_BEFORE = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|i was|i am|i have been|i've been|ive been)(?: [\w']+){0,3} $")


def _someone_elses_statement(text: str, start: int, end: int) -> bool:
    """Whether a statement of a ``someone_else`` rule at ``text[start:end]`` is someone else's: it starts with them
    ("my son has been cutting himself") or names them ("I found cuts on her arms"), or it names no one ("in the psych
    ward after an attempt") and the writer is not its subject ("I was admitted to the psych ward after an attempt" is
    the writer's own)."""
    if _STARTS_WITH_OTHER.match(text, start) or _NAMES_SOMEONE.search(text, start, end):
        return True
    return not _WRITER_BEFORE.search(_clause_before(text, start, 40, _CLAUSE_BREAKS))


def _theirs(text: str, start: int, end: int) -> bool:
    """Whether a statement of one of the writer's suicide rules at ``text[start:end]`` is someone else's: quoted from
    them, or naming no one after them (see above)."""
    if _quoted_by_someone_else(text, start):
        return True
    if _FIRST_PERSON.search(text, start, end):
        return False
    return bool(_THEIR_STATEMENT.search(_clause_before(text, start, 70, _SENTENCE_BREAKS + (" but ", ","))))


# A child or a teen hurt at home, in their own words ("my stepdad pinned me down and choked me", "mom threw the remote
# at me", "i'm 14 and my uncle punches me"): what the abuse rules found is a child's abuse (child_safety), not a
# partner's, and the reply speaks to the child. The writer says they are under 18 (CHILD_AGE), or the one who hurt
# them is a parent or someone who looks after them and the writer speaks as no adult (``speaks_as_an_adult``). The one
# who hurt them is the last person named, not as an object, up to the statement's end ("my dad came home drunk. he
# choked me"); when the statement starts with "he" or "she", the last one named before it who can be "he" or "she"
# ("my stepdad got drunk and my mom just watched. he choked me": the stepdad; "my boyfriend was over and my mom
# found out. she slapped me": the mother).
_CARER = (rf"\b(?:my|our) (?:{PARENT_NOUN}|grandma|grandmother|gran|nan|nana|granny|step-?brother|foster carer|"
          r"(?:mom|mum|dad|mother|father)'?s (?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?))\b"
          r"|(?:^|(?<=[.!?;,] ))(?:mom|mum|dad|mother|father|step[ -]?dad|step[ -]?mom|step[ -]?mum)\b")
# The writer's own partner ("my husband", "my new boyfriend"; not "my mom's boyfriend").
# A word before it, but not before "so" or "man", which are partners only alone ("my so", "my man"; not "hit my face
# so hard", "my old man").
_NOT_A_PARENTS = r"(?!(?:mom|mum|dad|mother|father)'?s )"  # "my mom's boyfriend" is not the writer's
_PARTNER = (rf"\b(?:my|our) {_NOT_A_PARENTS}(?!so[ -]called\b)(?:[\w'-]+ (?!so\b|man\b))?"
            rf"{PARTNER_NOUN}\b")
# ...one only an adult has: a spouse, a fiance, the other parent of their child. A teen has a boyfriend or a girlfriend
# too ("my bf says i should tell someone"), so those alone do not say the writer is an adult.
_SPOUSE_NAMED = re.compile(rf"\b(?:my|our) {_NOT_A_PARENTS}(?:[\w'-]+ )?(?:husband|wife|wifey|hubby|"
                           r"spouse|fianc[eé]e?|ex-?husband|ex-?wife|baby ?daddy|baby ?mama)\b")
# ...or a brother, a sister or a friend: someone named who is neither.
_PERSON = re.compile(rf"(?P<carer>{_CARER})|{_PARTNER}|\b(?:my|our) (?:little |big |older |younger |twin |step-?)?"
                     r"(?:brother|sister|bro|sis|friend|bestie|classmate)s?\b")
# Someone named as the object of what comes before ("I called my dad", "a carer for my mum", "in front of my mom",
# "the only thing stopping me is my mom"): not the one who did what follows. (A negative list: chat often has no
# punctuation to say where a subject starts: "when i cry my mum locks me in".)
_AS_OBJECT = re.compile(r"\b(?:to|for|with|at|from|of|by|about|than|like|call|called|calling|tell|told|telling|text|"
                        r"texted|ask|asked|see|saw|seen|visit|visited|visiting|help|helped|love|loved|miss|hug|hugged|"
                        r"after|is|was|are|were|phone|phoned|ring|rang|me and|and i|without)\s$")
_WRITER_IS_A_CHILD = re.compile(CHILD_AGE)
_DEMENTIA = re.compile(r"\b(?:dementia|alzheimer'?s|alzheimers|sundown\w*)\b")


# Anyone but the writer, named: a pronoun, a person, a partner, a relative, a place where people are attacked
# (``names_no_one_else``; compiled on first use, as the rules are).
_ANYONE_ELSE = _lazy(
    r"\b(?:he|she|him|her|his|hers|they|them|their|theirs|he's|she's|they're|he'd|she'd|they'd|he'll|she'll|they'll|hes|shes|"
    r"someone|somebody|anyone|anybody|everyone|everybody|people|person|guy|guys|man|men|woman|women|boy|boys|girl|girls|lady|"
    r"neighbou?rs?|boss|teachers?|coworkers?|co-workers?|colleagues?|housemates?|flatmates?|roommates?|bully|bullies|kids?|"
    r"children|child|baby|family|friends?|mates?|cousins?|uncle|aunt|grandson|granddaughter|nephew|niece|"
    rf"(?:{_PARTNER_WORDS}|fiance)s?|{FAMILY_NOUN}s?|{PARENT_NOUN})\b|\b{ATTACK_PLACE}")


def names_no_one_else(text: str) -> bool:
    """Whether a text names no one but the writer: no one to harm. The learned layers' harm to others, read in such a
    text ("i keep looking at the beam in the barn and thinking it'd hold", "the note's written and i've picked the
    spot"), is the danger they sensed, and it is the writer's own (``shared.safety.screen``)."""
    return _ANYONE_ELSE.search(text) is None


# An older adult named, and a child (``an_older_adult_and_no_child``).
_AN_OLDER_ADULT = _lazy(OLDER_ADULT)
# A child, by age ("my 9 year old", "she's 12", "my daughter (14)", "im 15") or by name (a baby, a toddler, the kids,
# school).
_A_CHILD = _lazy(rf"\b{_CHILDS_AGE} ?(?:(?:year|yr)s?[- ]old|yo|y/o|months? old)\b|\({_CHILDS_AGE} ?[mf]?\)"
                 rf"|\b(?:i'm|im|i am|he's|hes|she's|shes|he is|she is|is|aged) (?:only |just )?{_CHILDS_AGE}\b"
                 rf"{NOT_AN_AMOUNT}"
                 r"|\b(?:bab(?:y|ies)|toddlers?|kids?|kiddos?|child|children|infants?|newborns?|teens?|teenagers?|"
                 r"little ones?|grandkids?|grandchild|grandchildren|school)\b")


# A son or a daughter, who may be a child ("my dad (75) hits my son when he babysits") unless the writer is the older
# adult ("i'm 76 and my son put a lock on the fridge"); and the writer who is.
_A_CHILD_OF_THE_WRITER = _lazy(r"\b(?:my|our) (?:little |youngest |eldest |oldest |baby )?(?:son|daughter|boy|girl|"
                               r"grandson|granddaughter|stepson|stepdaughter)s?\b|\bbabysit\w*|\bnursery\b|\bday ?care\b")
_THE_WRITER_IS_OLDER = _lazy(rf"\b(?:i'm|im|i am|i turned) (?:now |nearly |almost |over )?{_OLD_AGE}\b"
                             rf"{NOT_AN_AMOUNT}|\b(?:i|me) \({_OLD_AGE} ?[mf]?\)"
                             r"|\bmy (?:pension|walking frame|zimmer|carer|care worker)\b")


def an_older_adult_and_no_child(text: str) -> bool:
    """Whether a text names an older adult and no child. The learned layers' child at risk, read in such a text ("my
    uncle takes grandad's pension and his fridge is empty. he's 86"), is an older adult's abuse: the heads learnt a
    dependent's care and harm at home from children, and read an older person's the same way
    (``shared.safety.screen``)."""
    if _AN_OLDER_ADULT.search(text) is None or _A_CHILD.search(text) is not None:
        return False
    return _A_CHILD_OF_THE_WRITER.search(text) is None or _THE_WRITER_IS_OLDER.search(text) is not None


def cares_for_a_parent_with_dementia(text: str) -> bool:
    """Whether the text tells of a parent's dementia, by a writer who does not say they are a child: a blow from that
    parent ("dad hit me again when i tried to help him wash, the dementia makes him so frightened") is the illness,
    told by the grown child who looks after them, not abuse (``shared.safety._childs_abuse``). A spouse's is still the
    writer's abuse."""
    return bool(_DEMENTIA.search(text)) and not _WRITER_IS_A_CHILD.search(text)


# An adult's voice: a child of their own ("my son", "our 6-year-old", "the kids"; not "my little brother"), a child's
# age said of someone else ("she's 4", "a 13 year old"), their pupils, or a pregnancy.
_PARENTS_VOICE = re.compile(
    rf"\b(?:my|our) (?!little (?:brother|sister)|baby (?:brother|sister))(?:[\w']+ )?{CHILD_NOUN}\b"
    r"|\b(?:my|our) \d{1,2}[ -]?(?:year|yr)s?[ -]old\b|(?<!i'm )(?<!im )(?<!i am )\ba \d{1,2}[ -]?(?:year|yr)s?[ -]old\b"
    # (an age, not "she's one of my friends" or "he's 6 foot")
    r"|\b(?:he|she)(?:'s| is) (?:only |just )?(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)(?=\s*(?:$|[.,!?;)]|(?:and|but|so|years?|yrs?|yo)\b))"
    r"|\bthe (?:kids|children|baby|little ones|twins|toddler)\b|\bbaby is\b|\bmy (?:[\w']+ ){0,2}(?:pupils?|students)\b"
    r"|\bpregnant\b")
# An adult recalling their own childhood ("when i was little", "growing up"), unless it is still going on.
_CHILDHOOD_RECALLED = re.compile(r"\b(?:when i was (?:little|a kid|a child|young|younger|small|a (?:little )?(?:girl|boy)|"
                                 r"a baby|a toddler|"
                                 r"\d{1,2})|i was (?:only |just )?(?:little|a kid|a child|young|\d{1,2}) when|growing up|"
                                 r"as a (?:kid|child|little (?:girl|boy))|(?:in )?my childhood|i grew up)\b")
_STILL_NOW = re.compile(r"\b(?:again|tonight|right now|last night|this morning|this week)\b")
# The writer as the one hurt: "me" (not "help me", "tell me", "let me know"), or their body ("broke my arm").
_HURT_ME = re.compile(r"(?<!help )(?<!let )(?<!tell )(?<!told )(?<!ask )(?<!asked )(?<!with )\b(?:me|myself)\b"
                      r"|\bmy (?:arm|arms|face|head|neck|throat|wrist|back|leg|legs|lip|nose|eye|ear|hair|chest|ribs|"
                      r"stomach|body|hand|hands|skin|cheek|finger|fingers|shoulder|private|privates|butt|bum|crotch|"
                      r"boobs|breasts)\b")
_WRITER_IS_AN_ADULT = re.compile(rf"\b(?:i'm|im|i am|iam) (?:a )?(?:1[89]|[2-9]\d)\b{NOT_AN_AMOUNT}"
                                 # a forum's age and sex, of the writer ("I (25F)", "me (31m)", "28 year old male here");
                                 # not of someone else ("my stepdad (35m)")
                                 r"|\b(?:i|me) \((?:1[89]|[2-9]\d) ?[mf]?\)"
                                 r"|\b(?:1[89]|[2-9]\d) ?(?:(?:year|yr)s?[ -]old )?(?:m|f|male|female|guy|man|woman) here\b")
# What a parent may do that the abuse rules read as a partner's control ("my dad checks my phone", "she took my car
# keys", "my mom tracks my location"): a parent's rules, not abuse. Not when it is: locked in or out, kept from food
# or sleep, called worthless.
_CHILD_CONTROL_DANGER = re.compile(r"\block(?:s|ed)? me (?:in|out|inside)\b|\blet me (?:eat|sleep)\b|\b(?:calls|called) me\b"
                                   r"|\bisolat|\bforc\w* me\b|\bmakes? me\b|\bmade me\b")
AS_CHILD = {"physical": "physical_abuse", "strangulation": "physical_abuse", "weapon": "physical_abuse",
            "threat_to_kill": "physical_abuse", "sexual": "sexual_abuse", "threats": "at_risk", "controlling": "at_risk"}


def hurt_at_home(text: str, start: int, end: int, rule_id: str) -> bool:
    """Whether the writer's abuse statement at ``text[start:end]`` (of rule ``rule_id``) is a child's hurt at home
    (see above). Not when the writer speaks as an adult (``speaks_as_an_adult``): "he" may be the husband named two
    sentences before, not the father named beside it. Violence between the writer's parents is a child's only when the
    writer says they are one: an adult may tell it too."""
    if _WRITER_IS_A_CHILD.search(text):
        return True
    if rule_id == "abu.between_parents" or speaks_as_an_adult(text):
        return False
    doer = _doer(text, start, end)
    return doer is not None and doer.group("carer") is not None


# Who "he" or "she" can be: by the last word of how they are named ("my mom's boyfriend" is a he). Anyone else (a
# parent, a partner, a friend) can be either.
_HE = re.compile(r"(?:dad|daddy|father|step[ -]?dad|step[ -]?father|uncle|grandpa|grandad|granddad|grandfather|brother|"
                 r"bro|boyfriend|bf|husband|hubby|man|baby ?daddy)s?$")
_SHE = re.compile(r"(?:mom|mum|mommy|mummy|mother|step[ -]?mom|step[ -]?mum|step[ -]?mother|aunt|grandma|grandmother|gran|"
                  r"nan|nana|granny|sister|sis|girlfriend|gf|wife|wifey|baby ?mama)s?$")
# "me and my boyfriend" at a clause's start does things with the writer, and may be the "he" after ("me and my boyfriend
# had a fight, my mom had warned me. he pushed me"); after a verb it is an object ("he hit me and my dad").
_WITH_ME = re.compile(r"(?:^|[.!?;,] ?)me and\s$")
_PLURAL = re.compile(r"(?:parents|brothers|sisters|friends|besties|classmates)$")  # "they", never "he" or "she"
_PRONOUN_SUBJECT = re.compile(r"(?P<he>he|he's|hes|he'd|he'll)\b|(?P<she>she|she's|shes|she'd|she'll)\b")


def _doer(text: str, start: int, end: int) -> re.Match | None:
    """The person named who did what ``text[start:end]`` tells (see ``_CARER``): the last one named up to its end, not
    as an object; when it starts with "he" or "she", the last one named before it who can be that."""
    # The passive voice ("i get hit by my dad", abu.*_by): the one named right after its "by" did it.
    by = text.rfind(" by ", start, end)
    if by >= 0 and (passive := _PERSON.match(text, by + 4)) and passive.end() <= end:
        return passive
    pronoun = _PRONOUN_SUBJECT.match(text, start)
    subjects = [person for person in _PERSON.finditer(text, 0, start if pronoun else end)
                if not _AS_OBJECT.search(text, max(0, person.start() - 20), person.start())
                or (pronoun and _WITH_ME.search(text, max(0, person.start() - 20), person.start()))]
    if pronoun is not None:
        # The last one named who can be "he" (or "she"). If none can be, they were named in a way not read here ("his
        # girlfriend", a first name), and the last one named stands.
        not_them = _SHE if pronoun.group("he") else _HE
        subjects = [person for person in subjects
                    if not (not_them.search(person.group()) or _PLURAL.search(person.group()))] or subjects
    return subjects[-1] if subjects else None


def speaks_as_the_child(text: str) -> bool:
    """Whether the writer of a message about a child at risk is that child: they say they are under 18 ("im 14"), or,
    speaking as no adult (``speaks_as_an_adult``), they are the one hurt ("he pushed me down the stairs", "my stepdad
    took my door off", "mom says i don't get food until i learn respect"). A message about a child at risk in which the
    writer is hurt, and which is not an adult's, is most likely the child's own: an adult's own abuse is abuse."""
    if _WRITER_IS_A_CHILD.search(text):
        return True
    if speaks_as_an_adult(text):
        return False
    if _HURT_ME.search(text):
        return True
    return any(person.group("carer") and not _AS_OBJECT.search(text, max(0, person.start() - 20), person.start())
               and _FIRST_PERSON.search(text, person.end()) for person in _PERSON.finditer(text))


# Asked for the same text once per abuse hit at home and again when a child's rule is weighed: the answer is kept for
# the last texts screened (the text is the whole key; the cache is thread-safe).
@lru_cache(maxsize=64)
def speaks_as_an_adult(text: str) -> bool:
    """Whether the writer speaks as an adult: says they are 18 or older, names a spouse of their own (not a boyfriend or
    a girlfriend: a teen has them too) or a child of their own ("my son", "the kids", "she's 4", "my pupils"), is
    pregnant, or recalls their own childhood as over ("growing up my mom locked me in the closet"). Never a writer who
    says they are under 18 ("i'm 16 and pregnant")."""
    if _WRITER_IS_A_CHILD.search(text):
        return False
    if _WRITER_IS_AN_ADULT.search(text) or _SPOUSE_NAMED.search(text) or _PARENTS_VOICE.search(text):
        return True
    return bool(_CHILDHOOD_RECALLED.search(text)) and not _STILL_NOW.search(text)


def as_childs(text: str, hit_start: int, hit_end: int, severity: str | None) -> tuple[bool, str | None]:
    """What an abuse statement hurting a child at home is as a child's: (still a crisis, its child_safety severity).
    A parent's control of a teen (a phone checked, a location tracked) is not a crisis."""
    if severity == "stalking" or (severity == "controlling"
                                  and not _CHILD_CONTROL_DANGER.search(text, hit_start, hit_end)):
        return False, None
    return True, AS_CHILD.get(severity)


_TRAILING_OBJECT = re.compile(r"\s+(?:me|him|her|us|them|myself)\b")


# A denied act said of someone, which the rules' own patterns leave unmatched ("he hasn't hit me", "she has never
# once hurt the kids"): no rule fires, and its clause is taken out of what the learned layers read, as for a
# negatable rule's denial.
_DENIED_ACT = _lazy(rf"\b{SUBJ} (?:\w+ )?(?P<denial>{NOT}) (?:\w+ )?(?:{HIT}|hurt|hurts|abused|abuses|choked|chokes|strangled|"
                    r"threatened|threatens|raped|forced|touched)\b"
                    # ...but not one with a condition ("he won't hit me if I do as he says") or a limit ("anymore", "since").
                    r"(?!(?: me| him| her| them)? (?:where|in front of|when|unless|until|except|if|as long as|so long as|"
                    r"anymore|any more|since|as much|as often|as hard|in the face|on the face))")

# ...and the writer's own self-harm denied ("i'm not hurting myself and never have"): sui.self_harm_act does not read
# it, and the learned layers must not either.
_DENIED_SELF_HARM = _lazy(rf"\b{I} (?P<denial>not|never|no longer) (?:\w+ )?(?:{_SELF_HARM_VERBS}) {SELF}\b"
                          r"(?! (?:anymore|any more|as much|as often|since)\b)")
# ...or a weapon turned on oneself ("i'd never put a gun to my head, don't worry"): sui.means_in_position reads none.
_DENIED_WEAPON_ON_ONESELF = _lazy(
    rf"\b{I} (?P<denial>not|never|no longer) (?:\w+ )?(?:put|hold|held|point|pointed|press|pressed) "
    r"(?:a|the|my|his|her|dad's) (?:[\w-]+ )?(?:gun|pistol|rifle|shotgun|revolver|knife|blade|razor) "
    r"(?:to|against|at|under|in) my (?:head|temple|chin|throat|wrists?|mouth|chest)\b(?! (?:before|until|till|again|anymore|any more)\b)")


def _denied_clause(text: str, denial: int, end: int) -> str:
    """The whole denied clause, from its subject to its object ("he never abused me", "my husband is not abusive"):
    what the learned layers must not read. Leaving "he ... me" behind made a two-word fragment they over-read."""
    start = denial - len(_clause_before(text, denial, 40, _CLAUSE_BREAKS))
    tail = _TRAILING_OBJECT.match(text, end)
    return text[start:tail.end() if tail else end]


@dataclass(frozen=True)
class Matched:
    hits: list[Hit]            # the first match of every rule that fired
    masked: str                # the text with idioms masked
    negated: tuple[str, ...]   # crisis statements said in the negative ("I'm not suicidal"): the classifier skips them


# The rule for a method the writer names on themselves (``match`` keeps the abuse rules out of its words).
OWN_METHOD = "sui.method_self"
# Rules whose words are the writer's own, and the category whose rules ``match`` keeps out of them: a method named on
# oneself ("i held the gun to my head") is no one's threat to the writer, and a parent's fear for their own child ("my
# toddler screams for hours and i'm scared i'll hurt him") is no threat to someone else.
_KEEPS_OUT = {OWN_METHOD: ABUSE, OWN_URGE: HARM_TO_OTHERS}


def match(text: str) -> Matched:
    """Run every rule over normalised text, once: the hits, the idiom-masked text and the negated statements."""
    masked = mask_idioms(text)
    hits: list[Hit] = []
    negated: list[str] = []
    threats = list(_QUOTED_THREAT.finditer(masked)) if _MAY_THREATEN.search(masked) else []
    if _MAY_THREATEN_ON_CONDITION.search(masked):
        threats += _CONDITIONED_THREAT.finditer(masked)
    # Where someone else's abuse is told (abu.other.*): the writer's abuse rules do not read inside it. Abuse only: the
    # writer's suicide rules read whose a statement is themselves (``_theirs``), and the weak cues they leave inside
    # someone else's statement are what the learned layers were trained on (dropping them changes 26 training texts).
    their_abuse: list[tuple[int, int]] = []
    # Where the writer's own words were read (_KEEPS_OUT), with the category kept out of them.
    own_words: list[tuple[int, int, str]] = []
    gates: dict[str, bool] = {}
    for rule in RULES:
        hit = None
        if not rule.may_match(masked, gates):
            continue
        for m in rule.pattern.finditer(masked):
            # Whose a suicide statement is: read at most once per match, only where it is needed.
            theirs: bool | None = None
            if rule.id in _KEEPS_OUT:
                theirs = rule.category == SUICIDE_SELF_HARM and _theirs(masked, m.start(), m.end())
                if not theirs:
                    own_words.append((m.start(), m.end(), _KEEPS_OUT[rule.id]))
            denial = _negation_start(masked, m.start()) if rule.negatable else None
            if denial is not None:
                negated.append(_denied_clause(masked, denial, m.end()))
                continue
            if rule.someone_else:
                theirs = _someone_elses_statement(masked, m.start(), m.end())
            elif theirs is None:
                theirs = rule.category == SUICIDE_SELF_HARM and _theirs(masked, m.start(), m.end())
            if (rule.present_only or theirs) and _not_happening_now(masked, m.start(), m.end(), theirs):
                continue
            if rule.writers_own and _someone_elses(masked, m.start()):
                continue
            if rule.done_to_writer and _WRITER_DID.search(_clause_before(masked, m.start(), 40, _CLAUSE_BREAKS)):
                continue
            if rule.not_said_by and _said_by(masked, m.start(), rule.not_said_by):
                continue
            if rule.category == SUICIDE_SELF_HARM and any(t.start() <= m.start() < t.end() for t in threats):
                continue  # someone's quoted threat to control the writer: abu.threats reads it
            if rule.category == ABUSE and not rule.someone_else and any(a <= m.start() < b for a, b in their_abuse):
                continue  # inside someone else's abuse ("my sister's husband choked her"): theirs, read above
            if any(a <= m.start() < b and rule.category == kept_out for a, b, kept_out in own_words):
                continue  # the writer's own words, read above
            if theirs and rule.category == ABUSE:
                their_abuse.append((m.start(), m.end()))
            if hit is None or (hit.someone_else and not theirs):  # the writer's own statement comes first
                hit = Hit(rule, m.start(), m.end(), someone_else=theirs)
                # A negatable rule reads on, for negated statements later in the text; someone else's statement, for
                # the writer's own.
                if not rule.negatable and not theirs:
                    break
        if hit is not None:
            hits.append(hit)
    for denied in (_DENIED_ACT, _DENIED_SELF_HARM, _DENIED_WEAPON_ON_ONESELF):
        for m in denied.finditer(masked):
            if not _NOT_A_DENIAL.match(masked, m.start("denial")):
                negated.append(_denied_clause(masked, m.start(), m.end()))
    return Matched(hits, masked, tuple(negated))


# Who is named in a clause, up to two words before what follows it ("my little brother just", "my mom's new boyfriend").
_NAMED_LAST = re.compile(r"\bmy ((?:(?:mom|mum|dad)'s )?(?:(?:new|little|big|older|younger|best|twin|step) )?[\w-]+)"
                         r"(?: [\w']+){0,2} ?$")


def _said_by(text: str, start: int, who: str) -> bool:
    """Whether the words that start at ``start`` ("said he'd kill...") are those of someone named just before them, in
    their clause, whom ``who`` matches (``Rule.not_said_by``)."""
    named = _NAMED_LAST.search(_clause_before(text, start, 60, _CLAUSE_BREAKS))
    return bool(named) and re.fullmatch(who, named.group(1)) is not None


def suicide_severity(base: str | None, text: str) -> tuple[str, list[str]]:
    """Raise a suicide hit along the C-SSRS ladder with method, intent and preparation cues in the same message."""
    from .vocab import severity_rank

    order = ("wish_to_be_dead", "thoughts", "method", "intent", "plan", "behaviour")
    sev = base or "wish_to_be_dead"
    cues = []
    method = bool(SUI_METHOD.search(text))
    intent = bool(SUI_INTENT.search(text))
    prep = bool(SUI_PREP.search(text))
    rank = severity_rank(SUICIDE_SELF_HARM, sev)
    if method:
        cues.append("sui.cue.method")
        rank = max(rank, order.index("method"))
    if intent and rank >= order.index("thoughts"):
        cues.append("sui.cue.intent")
        rank = max(rank, order.index("intent"))
    if prep or (method and intent and rank >= order.index("thoughts")):
        cues.append("sui.cue.plan")
        rank = max(rank, order.index("plan"))
    return order[rank], cues


def laughing(text: str) -> bool:
    return bool(_LAUGH.search(text))
