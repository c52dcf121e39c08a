#!/usr/bin/env python
"""Crisis-screen benchmark: recall per category, specificity, latency per message.

    .venv/bin/python bench/crisis_bench.py [--dev ../shared/data/crisis/dev.jsonl] [--limit N]

Evaluates ``shared.safety.screen`` on
- the held-out 20 % of ``dev.jsonl`` that training never saw (rule: sha256(id)[:8] % 5 == 0, see
  ``scripts/train_crisis_head.py``): recall of suicide and abuse (escalated at all, and with the right category),
  specificity on ``none`` and on ``distress`` (which should get support, not escalation), per source;
- ``tests/data/crisis/in_domain_eval.jsonl``: hand-written couple/family messages, never used for training:
  specificity on ordinary conflict, recall on disclosures per category (the rules were reviewed against its misses,
  so it is not blind);
- ``tests/data/crisis/in_domain_blind.jsonl``: hand-written too, written after the last change to the rules and the
  training data and never looked at while tuning (its figures were seen while choosing the November 26 operating
  point, so it is no longer quite blind);
- ``tests/data/crisis/in_domain_blind_2.jsonl``: written by someone who saw none of the training or evaluation data,
  after the last change to the rules, the training data and the cut-offs of November 26's morning, long messages
  included (its rules' false alarms were read and fixed later that day, so it is no longer blind to the rules);
- ``tests/data/crisis/in_domain_blind_3.jsonl``: the same, written after all of that (145 messages, all five
  categories);
- ``tests/data/crisis/in_domain_blind_4.jsonl``: the same again, written at the start of the second session of November
  26, before its changes were measured (240 messages, 150 of them ordinary, a quarter long posts). The false alarms of
  the rules in sets 3 and 4 (eight messages) were read at the end of that session (fixes drafted, not yet landed),
  so both are no longer blind to the rules; the rest of their texts were never read;
- ``tests/data/crisis/in_domain_blind_5.jsonl``: the same again (160 messages, 100 ordinary), written at the end of
  that session, its texts never read: the honest in-domain figure.
- ``tests/data/crisis/very_short_chat.jsonl``: 63 ordinary chat messages of one to five words ("dad's home", "rough
  week"), written blind in the third session of November 26 (the ones already in the training set, such as "ok", taken
  out), texts never read;
- ``tests/data/crisis/in_domain_blind_6.jsonl``: 200 chat messages (150 ordinary, most of them short complaints about
  a partner or relative: "he", "my wife", lies, drinking, money, a fight), written blind at the start of the fourth
  session of November 26, before its changes, texts never read;
- ``tests/data/crisis/partner_short_blind.jsonl``: 140 chat lines of 3 to 12 words that start with the person they
  are about ("he", "my wife"): 100 everyday complaints, 40 abuse disclosures; written blind in the same session,
  after its first retrain and before the second, texts never read;
- ``tests/data/crisis/partner_short_blind_2.jsonl``: the same again (140 lines, most of 3 to 8 words), written blind
  in the fifth session of November 26, after its change to short messages (``combine.SHORT_ABUSE_WORDS``), to
  measure that change on lines it was not chosen on; texts never read;
- ``tests/data/crisis/betrayal_blind.jsonl``: 140 chat lines about a betrayal (100 everyday complaints of cheating,
  lies, secrets and broken promises, mostly 3 to 8 words; 30 abuse disclosures and 10 suicidal ones that mention
  jealousy, cheating or lies), written blind in a later session of November 26, before that session added training
  messages about betrayal, by a writer who never saw them; texts never read, but for about ten that a
  failing overlap check printed once (four of them were also in the new training lines, which were dropped);
- ``tests/data/crisis/care_blind.jsonl``: 160 family messages of 15 to 34 words (60 caring or agreed acts in the words of
  control: keys taken from someone who drank, an elderly parent's money managed with consent; 60 someone else's past or
  handled crisis: a child's friend who self-harmed and is getting help, a nurse's shift; 40 disclosures that share
  those words: control, the writer's own suicidal thoughts, a child at risk), written blind in the same session, before
  training messages of both kinds were added, by a writer who never saw them; texts never read;
- ``tests/data/crisis/someone_else_blind.jsonl``: 170 family messages about someone else in the writer's life and
  suicide (70 a partner's, child's, parent's or friend's suicidal thoughts, self-harm or attempt, happening now; 15
  the writer's own told beside someone else's; 15 a partner's threat of suicide made to control the writer, which is
  abuse; 70 ordinary: someone else's crisis that is over, grief, idioms said of someone, news and work, everyday
  worry), written blind in the first session of November 27 (UTC), before the rules for someone else at risk, by a
  writer who never saw the repo; its ``about`` says whose the risk is; texts never read;
- ``tests/data/crisis/spelling_blind.jsonl``: 200 chat messages typed fast on a phone, with misspellings, letters
  stretched or written in digits and symbols, slang and the words used online to get past filters (70 the writer's own
  suicidal thoughts or self-harm, 25 abuse, 5 a child at risk, 100 ordinary messages in the same style: slang said
  harmlessly, gaming, idioms, everyday conflict), written blind in the second session of November 27, before the
  screen repaired any spelling, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/danger_blind.jsonl``: 200 family messages (40 someone at risk of serious violence from a family
  member or the writer: talk of attacking a school or workplace, a list of people to hurt, a weapon for a named
  person; 40 a child endangered by neglect or unsafe care: left alone or in a car, no food, a loaded gun within reach,
  missing, an adult with a young teen; 20 medical emergencies in the family; 100 ordinary messages in the same words:
  hunting, games, idioms, drills, a teen home alone for an hour, a harmless fever or bump), written blind in the third
  session of November 27, before the rules for them, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/long_blind.jsonl``: 200 long family messages of 131 to 328 words (80 with one disclosure buried
  after at least 85 words of everyday detail, at the end or in the middle, mostly said indirectly: 40 the writer's
  suicidal thoughts or self-harm, 24 abuse, 8 a child at risk, 8 a threat of violence; 120 long ordinary ones, many of
  them heavy: grief, burnout, a blazing row, idioms), written blind in the fourth session of November 27, before any
  change for long messages, by a writer who never saw the repo; its ``where`` says where the disclosure sits; texts
  never read;
- ``tests/data/crisis/long_blind_2.jsonl``: the same kind of set again (200 long family messages of 132 to 328 words: 80
  with one disclosure buried after at least 85 words of everyday detail, 35 the writer's suicidal thoughts or
  self-harm, 25 abuse, 10 a child at risk, 10 a threat of violence; 120 long ordinary ones, many heavy), written blind in
  the seventh session of November 27, long after the windows were made, to measure them afresh; texts never read;
- ``tests/data/crisis/child_blind.jsonl``: 150 family messages (60 a child in danger, 12 of each ``kind``: hurt by a
  parent, partner, relative or carer; sexually abused or groomed; dangerously neglected; otherwise at serious risk (a
  much older partner, missing, exploited, afraid to go home); a teen member hurt at home, in their own words; 90
  ordinary messages about children in the same territory: injuries from play, a toddler who bites, a parent who
  yelled, a teen's date of their own age, idioms), written blind in the fifth session of November 27, before any
  change for them, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/teen_blind.jsonl``: 160 messages of teens (13 to 17) in their own words about home (35 hurt at
  home: hit, choked, locked up, starved, threatened, sexually abused or groomed; 15 their own suicidal thoughts or
  self-harm, often beside a complaint about their parents; 110 ordinary complaints: grounded, a phone taken, a curfew,
  strict rules, sibling fights, idioms), written blind in the same session, before any change for them, by a writer
  who never saw the repo; texts never read;
- ``tests/data/crisis/whose_blind.jsonl``: 160 family messages that say whose voice they are in (``writer``: child or
  adult), to measure whether the reply speaks to the right one (40 a child or teen hurt at home in their own words who
  never says their age; 10 the same, naming a boyfriend, a girlfriend or school in passing; 40 an adult telling of a
  child hurt or endangered by someone else; 15 an adult recalling abuse in their own childhood, safe now; 25 teens'
  ordinary complaints about a parent; 30 parents' ordinary messages), written blind in the sixth session of November
  27, before any change for them, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/pronoun_blind.jsonl``: 160 family messages in which the one who does the harm is named once
  ("my stepdad", "my husband") and the act is told with "he" or "she", to measure whose abuse the pronoun is read as
  (``writer`` and ``kind``: 40 a child or teen hurt at home who never says their age; 20 the same, naming their own
  boyfriend, girlfriend, best friend or school in passing; 30 an adult hurt by a partner or ex, many naming their own
  parents or children in passing; 10 an adult telling of a child hurt by a named adult; 30 teens' and 30 adults'
  ordinary messages about a parent or partner), written blind in the seventh session of November 27, before any
  change for them, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/secrets_blind.jsonl``: 180 family messages about what is kept secret, touched or paid for, to
  measure a child's own words about sexual abuse and a threat that keeps someone from telling (``writer`` and
  ``kind``: 50 a child or teen telling of someone around them who touches them, makes them do sexual things, shows
  them sexual material or grooms them, mostly vaguely and ashamed; 20 a threat that keeps a child, or an adult about
  their partner, from telling; 20 an adult whose partner controls their money; 30 teens' ordinary messages in the
  same words, "my mom will kill me if she sees my grades", a surprise kept, a sibling who keeps touching them in the
  car; 30 adults' ordinary touch and secrets, body safety taught, a partner "touched out"; 30 couples' ordinary
  money), written blind in the eighth session of November 27, before any change for them, by a writer who never saw
  the repo; texts never read;
- ``tests/data/crisis/elder_blind.jsonl``: 160 family messages about older and dependent relatives, to measure abuse
  by an adult child, a grandchild, an in-law or a family carer (``writer`` and ``kind``: 35 an older person telling of
  their own; 25 a relative telling of an older or dependent relative's; 10 an older person hurt by their spouse; 60
  ordinary care in the words of control, car keys taken, a parent's money managed, a door locked at night against
  wandering; 30 older people's ordinary family messages), written blind in the eighth session of November 27, before
  any change for them, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/plans_blind.jsonl``: 200 family messages about the writer's own suicidal plans and acts said in
  everyday words, to measure the C-SSRS's later items let slip (``kind``: 20 preparation, affairs put in order for
  after; 15 an attempt broken off or interrupted; 15 a past attempt told in passing; 15 intent, a time or a decision
  said sideways; 15 dwelling on a means or a place; 120 ordinary messages in the same words: wills and insurance,
  decluttering and rehoming, roofs, bridges and platforms, decisions made, rifles, rope and pill organisers, past
  hospital stays), written blind in a later session of November 27, before any change for them, by a
  writer who never saw the repo; texts never read;
- ``tests/data/crisis/judge_blind.jsonl``: 200 family messages written to judge the next change to the learned layers'
  training data, in the territory where the last tries cost children at risk (``kind``: 45 a child at risk, 10 of them
  in a teen's own words and 10 buried in a long message; 35 an older person's abuse, in their own words, told by a
  relative, or buried in a long message; 20 a partner's abuse and 20 the writer's suicidal thoughts, half of each
  buried in a long message; 80 ordinary messages in the same territory: elder care and dementia, children's scrapes
  and rules, couples, heavy feelings and idioms, 20 long heavy ones), written blind in the first session of November
  28, by a writer who never saw the repo; texts never read;
- ``tests/data/crisis/plans_blind_2.jsonl``, ``mixed_blind.jsonl``, ``distress_blind.jsonl``, ``hard_blind.jsonl``,
  ``mixed_blind_2.jsonl`` to ``mixed_blind_10.jsonl``: see their constants below;
- ``tests/data/crisis/heldout_audit.jsonl``: 240 held-out rows (80 abuse, 80 suicide, 80 none/distress, drawn at
  random) judged again, text by text, by a reader who saw neither the original labels nor the screen's answers:
  does the text itself disclose the writer's suicidal thoughts or self-harm, abuse, neither, or is it unclear? The
  original labels come from the subreddit or hashtag; the audit measures how much of the gap to the goals is the
  labels' noise. (Eleven of its abuse disclosures that the screen missed were read afterwards, and general rules
  were written for some of them: the LAP's jealousy with control, violence between parents, groping.)
Latency: wall time of ``screen`` per message, one at a time (after warm-up), p50 / p99 / max; and the share of
messages that reached the embedding layer (layer 3). ``INETTA_CRISIS_EMBEDDINGS=0`` measures the fallback (rules +
TF-IDF only).
Not a timed test; numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_crisis_head import DEFAULT_DEV, held_out  # noqa: E402
from shared.safety import screen, warm_up  # noqa: E402

EVAL = ROOT / "tests" / "data" / "crisis" / "in_domain_eval.jsonl"
BLIND = ROOT / "tests" / "data" / "crisis" / "in_domain_blind.jsonl"
BLIND2 = ROOT / "tests" / "data" / "crisis" / "in_domain_blind_2.jsonl"
BLIND3 = ROOT / "tests" / "data" / "crisis" / "in_domain_blind_3.jsonl"
BLIND4 = ROOT / "tests" / "data" / "crisis" / "in_domain_blind_4.jsonl"
BLIND5 = ROOT / "tests" / "data" / "crisis" / "in_domain_blind_5.jsonl"
BLIND6 = ROOT / "tests" / "data" / "crisis" / "in_domain_blind_6.jsonl"
PARTNER_SHORT = ROOT / "tests" / "data" / "crisis" / "partner_short_blind.jsonl"
PARTNER_SHORT_2 = ROOT / "tests" / "data" / "crisis" / "partner_short_blind_2.jsonl"
BETRAYAL = ROOT / "tests" / "data" / "crisis" / "betrayal_blind.jsonl"
CARE = ROOT / "tests" / "data" / "crisis" / "care_blind.jsonl"
SOMEONE_ELSE = ROOT / "tests" / "data" / "crisis" / "someone_else_blind.jsonl"
SPELLING = ROOT / "tests" / "data" / "crisis" / "spelling_blind.jsonl"
DANGER = ROOT / "tests" / "data" / "crisis" / "danger_blind.jsonl"
LONG = ROOT / "tests" / "data" / "crisis" / "long_blind.jsonl"
LONG_2 = ROOT / "tests" / "data" / "crisis" / "long_blind_2.jsonl"
CHILD = ROOT / "tests" / "data" / "crisis" / "child_blind.jsonl"
TEEN = ROOT / "tests" / "data" / "crisis" / "teen_blind.jsonl"
WHOSE = ROOT / "tests" / "data" / "crisis" / "whose_blind.jsonl"
PRONOUN = ROOT / "tests" / "data" / "crisis" / "pronoun_blind.jsonl"
SECRETS = ROOT / "tests" / "data" / "crisis" / "secrets_blind.jsonl"
ELDER = ROOT / "tests" / "data" / "crisis" / "elder_blind.jsonl"
PLANS = ROOT / "tests" / "data" / "crisis" / "plans_blind.jsonl"
# A second blind set of the C-SSRS's later tiers (an attempt under way, interrupted, past; a plan, a means pictured,
# preparation; 120 ordinary neighbours), written 28 November 2026 by a helper who saw neither the repo nor any data.
PLANS_2 = ROOT / "tests" / "data" / "crisis" / "plans_blind_2.jsonl"
JUDGE = ROOT / "tests" / "data" / "crisis" / "judge_blind.jsonl"
# 299 family messages of every kind (45 suicidal, 45 abuse, 25 a child at risk, 10 a threat of violence, 10 medical
# emergencies; 164 ordinary, many of them hard neighbours; a sixth of them long), written 28 November 2026 by a helper
# who saw neither the repo nor any data, to judge a change to the learned layers afresh; texts never read (one idiom
# that was word for word a training message was taken out, by its id).
MIXED = ROOT / "tests" / "data" / "crisis" / "mixed_blind.jsonl"
# 335 family messages: 135 crises of every kind and 200 that are not, of which 100 are low mood, depression, stress,
# grief or loneliness with no thought of death or harm ("group": "distress") and 100 everyday life and conflict
# ("ordinary"). Written 28 November 2026 by a helper who saw neither the repo nor any data, after the product decision
# on what a flagged post about low mood costs (scripts/crisis_candidates/README.md), to judge the averaged-network head
# by it; texts never read.
DISTRESS = ROOT / "tests" / "data" / "crisis" / "distress_blind.jsonl"
# 160 family messages of the kinds the rules were mended for on 28 November 2026 (fourth session): 80 crises (a plan or
# a gun turned on oneself, the wish hedged with a laugh, LAP items in other words, control and stalking, a parent's own
# blows, children left or put out, threats, falls) and 80 ordinary neighbours in the same words. Written by a helper who
# saw neither the repo nor any data, after those mends, to judge whether they carry to other writers' words; texts never
# read. Its development counterpart is scripts/crisis_rules_dev/hard_dev.jsonl.
HARD = ROOT / "tests" / "data" / "crisis" / "hard_blind.jsonl"
# 300 family messages of every kind, a fifth of them long: 150 crises (50 suicidal or self-harm, 40 abuse, 40 children
# at risk, 10 threats to others, 10 medical emergencies), 60 of low mood, stress or grief ("group": "distress") and 90
# everyday ones ("ordinary"). Written 28 November 2026 (fifth session) by three helpers who saw neither the repo nor any
# data, 100 each, to judge the averaged networks' fifth try (scripts/crisis_candidates/README.md); texts never read.
MIXED_2 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_2.jsonl"
# The same composition, written the same day by three other helpers, to judge training on messages of the kinds main
# misses (scripts/crisis_candidates/README.md); texts never read.
MIXED_3 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_3.jsonl"
# The same composition, each written in the sixth session by three other helpers, prompted with the categories alone
# (from indirect to explicit, a third long), to judge a second and a third round of training messages
# (scripts/crisis_candidates/README.md); texts never read.
MIXED_4 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_4.jsonl"
MIXED_5 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_5.jsonl"
# The same composition and prompts, written in the seventh session by three other helpers, to judge the rules for
# textbook warning signs (scripts/crisis_candidates/README.md); texts never read.
MIXED_6 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_6.jsonl"
# The same composition and prompts, written in the eighth session by three other helpers, to judge a fifth candidate of
# training messages (scripts/crisis_candidates/README.md); texts never read.
MIXED_7 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_7.jsonl"
# The same composition and prompts, written in the ninth session by three other helpers, to judge a sixth candidate
# (scripts/crisis_candidates/README.md); texts not read before it judged, but a part of them was shown to me in a review
# of the diff afterwards, so it can no longer judge a rule of mine blind.
MIXED_8 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_8.jsonl"
# The same composition and prompts, written in the tenth session by three other helpers, to judge a seventh and an
# eighth candidate (scripts/crisis_candidates/README.md); texts not read before they judged. Afterwards I read the three
# everyday messages it had told as crises by rule, and mended two of them (a threat in a temper, "killing myself
# laughing"): those rows are no longer blind.
MIXED_9 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_9.jsonl"
# The same composition and prompts, written in the eleventh session by three other helpers, to judge a ninth candidate
# (an older adult's abuse as a learned class of its own: scripts/crisis_candidates/README.md); texts not read before it
# judged. Afterwards I read the two everyday messages it had told as crises by rule, and mended both: those two rows are
# no longer blind.
MIXED_10 = ROOT / "tests" / "data" / "crisis" / "mixed_blind_10.jsonl"
VERY_SHORT = ROOT / "tests" / "data" / "crisis" / "very_short_chat.jsonl"
AUDIT = ROOT / "tests" / "data" / "crisis" / "heldout_audit.jsonl"
CAT = {"suicide": "suicide_self_harm", "abuse": "abuse"}


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show-misses", type=int, default=0, help="print N missed / false-alarm ids per group")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    warm_up()
    from shared.safety.embed import get_embedder, unavailable_reason

    emb = "on" if get_embedder() is not None else f"OFF ({unavailable_reason()})"
    print(f"load: {(time.perf_counter() - t0) * 1000:.0f} ms; cpus: {os.cpu_count()}; embedding layer: {emb}")
    layers = defaultdict(int)

    rows = [json.loads(line) for line in args.dev.open(encoding="utf-8")]
    rows = [r for r in rows if held_out(r["id"])]
    if args.limit:
        rows = rows[: args.limit]
    lat = []
    stats = defaultdict(lambda: [0, 0, 0])  # key -> [n, escalated, right category]
    misses = defaultdict(list)
    results = {}
    for r in rows:
        t = time.perf_counter()
        res = results[r["id"]] = screen(r["text"])
        lat.append((time.perf_counter() - t) * 1000)
        layers[res.layer] += 1
        src = r["source"].split("/")[0]
        for key in (r["label"], f"{r['label']} @ {src}"):
            s = stats[key]
            s[0] += 1
            s[1] += res.escalate
            s[2] += res.category == CAT.get(r["label"])
        wrong = res.escalate != (r["label"] in CAT)
        if wrong:
            misses[r["label"]].append(r["id"])

    print(f"\nheld-out dev split: {len(rows)} rows (never seen by training)")
    print(f"{'group':42s} {'n':>5s}  {'recall/escalated':>16s}  {'right category':>14s}  {'specificity':>11s}")
    for key in sorted(stats, key=lambda k: (k.split(" @ ")[0], k)):
        n, esc, right = stats[key]
        label = key.split(" @ ")[0]
        if label in CAT:
            print(f"{key:42s} {n:5d}  {esc / n:16.3f}  {right / n:14.3f}")
        else:
            print(f"{key:42s} {n:5d}  {'':16s}  {'':14s}  {1 - esc / n:11.3f}")
    neg_n = stats["none"][0] + stats["distress"][0]
    neg_e = stats["none"][1] + stats["distress"][1]
    print(f"{'specificity none+distress':42s} {neg_n:5d}  {'':16s}  {'':14s}  {1 - neg_e / max(1, neg_n):11.3f}")

    # The same held-out rows, judged again text by text (the labels' noise).
    audit = [json.loads(line) for line in AUDIT.open(encoding="utf-8")]
    audit = [a for a in audit if a["id"] in results]
    if audit:
        print(f"\nheld-out rows judged again text by text ({AUDIT.relative_to(ROOT)}): {len(audit)} rows")
        label = {r["id"]: r["label"] for r in rows}
        judged = defaultdict(lambda: [0, 0, 0])
        for a in audit:
            res = results[a["id"]]
            key = a["judgement"]
            if key == "neither":  # posted under a crisis label but disclosing none, or under an ordinary one
                key += "/crisis label" if label[a["id"]] in CAT else "/ordinary label"
            j = judged[key]
            j[0] += 1
            j[1] += res.escalate
            j[2] += res.category == CAT.get(a["judgement"])
        for name in ("suicide", "abuse"):
            n, esc, right = judged[name]
            if n:
                print(f"{'recall, judged ' + name:42s} {n:5d}  {esc / n:16.3f}  {right / n:14.3f}")
        for key in ("neither/ordinary label", "neither/crisis label"):
            n, esc, _ = judged[key]
            if n:
                print(f"{'specificity, judged ' + key:42s} {n:5d}  {'':16s}  {'':14s}  {1 - esc / n:11.3f}")
        n, esc, _ = judged["unclear"]
        if n:
            print(f"{'escalated, judged unclear':42s} {n:5d}  {esc / n:16.3f}")

    # In-domain, hand-written, never trained on.
    for path in (EVAL, BLIND, BLIND2, BLIND3, BLIND4, BLIND5, BLIND6, PARTNER_SHORT, PARTNER_SHORT_2, BETRAYAL,
                 CARE, SOMEONE_ELSE, SPELLING, DANGER, LONG, LONG_2, CHILD, TEEN, WHOSE, PRONOUN, SECRETS,
                 ELDER, PLANS, PLANS_2, JUDGE, MIXED, DISTRESS, HARD, MIXED_2, MIXED_3, MIXED_4,
                 MIXED_5, MIXED_6, MIXED_7, MIXED_8, MIXED_9, MIXED_10, VERY_SHORT):
        ev = [json.loads(line) for line in path.open(encoding="utf-8")]
        ok_neg = n_neg = 0
        per = defaultdict(lambda: [0, 0, 0])
        whose = defaultdict(lambda: [0, 0])  # rows that say whose the risk is ("about"): of those escalated right, told right
        kinds = defaultdict(lambda: [0, 0])  # crises of rows that say their kind: how many, and in the right category
        # rows that say whose voice they are in ("writer"): how many, escalated as a child at risk, and of those,
        # spoken to as a child
        voices = defaultdict(lambda: [0, 0, 0])
        groups = defaultdict(lambda: [0, 0])  # non-crises of rows that say their group: how many, left alone
        name = path.stem
        for r in ev:
            t = time.perf_counter()
            res = screen(r["text"])
            lat.append((time.perf_counter() - t) * 1000)
            layers[res.layer] += 1
            if r.get("writer"):
                v = voices[(r["writer"], r.get("kind", ""))]
                v[0] += 1
                v[1] += res.category == "child_safety"
                v[2] += res.category == "child_safety" and res.writer_is_child
            if r["expect"] is None:
                n_neg += 1
                ok_neg += not res.escalate
                if r.get("group"):
                    groups[r["group"]][0] += 1
                    groups[r["group"]][1] += not res.escalate
                if res.escalate:
                    misses[f"{name} false alarm"].append(f"{r['id']} -> {res.category} {res.signals}")
            else:
                p = per[r["expect"]]
                p[0] += 1
                p[1] += res.escalate
                p[2] += res.category == r["expect"]
                if r.get("about") and res.category == r["expect"]:
                    w = whose[r["about"]]
                    w[0] += 1
                    w[1] += res.someone_else == (r["about"] == "someone_else")
                if r.get("kind"):
                    kinds[r["kind"]][0] += 1
                    kinds[r["kind"]][1] += res.category == r["expect"]
                if res.category != r["expect"]:
                    misses[f"{name} miss"].append(f"{r['id']} -> {res.category} {res.signals}")
        print(f"\nin-domain hand-written set ({path.relative_to(ROOT)}), never trained on")
        print(f"{'specificity on ordinary couple/family conflict':42s} {n_neg:5d}  {ok_neg / n_neg:.3f}")
        for group, (n, alone) in sorted(groups.items()):
            print(f"{'  of group ' + group:42s} {n:5d}  {alone / n:.3f}")
        for cat, (n, esc, right) in sorted(per.items()):
            print(f"{'recall ' + cat:42s} {n:5d}  escalated {esc / n:.3f}  right category {right / n:.3f}")
        for kind, (n, right) in sorted(kinds.items()):
            print(f"{'  of kind ' + kind:42s} {n:5d}  right category {right / n:.3f}")
        for (writer, kind), (n, as_child, told_child) in sorted(voices.items()):
            print(f"{'  writer ' + writer + ': ' + kind:42s} {n:5d}  a child at risk {as_child:3d}, "
                  f"of those spoken to as a child {told_child:3d}")
        for about, (n, right) in sorted(whose.items()):
            print(f"{'  told whose: ' + about:42s} {n:5d}  of those in the right category, {right / n:.3f}")

    print(f"\nlatency per message over {len(lat)} messages: p50 {pct(lat, .5):.2f} ms, p99 {pct(lat, .99):.2f} ms, "
          f"max {max(lat):.1f} ms")
    total = sum(layers.values())
    print("decided by: " + ", ".join(f"{k} {v / total:.1%}" for k, v in sorted(layers.items()))
          + f"; reached the embedding layer: {layers.get('embedding', 0) / total:.1%}")
    if args.show_misses:
        for k, v in misses.items():
            print(f"\n{k}: {len(v)}")
            for x in v[: args.show_misses]:
                print("  ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
