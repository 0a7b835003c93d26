"""The peer-benchmark workload, once: groups and their required items, in requirement order.

bench/peer/thaksa/, policy.rego and zen_model.json encode the same lists by hand; run.py checks
that each of them names exactly these lists (and then that all engines give identical output).
"""

GROUP_ABILITIES = {
    "E": "DLit100 DLit400 DG100 DS100 SPM100 DL100 DL300 DTr100 DTr200".split(),
    "M": "DLit400 DLit700 DG100 DG400 DT300 DS100 SPM100 SPM200 SPM400 SPM300 DL100 DL300 DTr100".split(),
    "A": "DLit100 DLit200 DLit300 DLit400 DLit700 DG100 DG400 SPM400 SPM200".split(),
    "S": "DLit100 DLit200 DLit300 DLit400 DLit700 DG100 DG400 DS100".split(),
    "T": ("DLit300 DLit400 DG400 DG100 DT100 DT300 DT400 DT500 DT600 DS100 SPM100 SPM200 SPM400 SPM500 "
          "SPM600 DL300").split(),
    "O": "DLit100 DLit200 DLit400 DG100 DG400".split(),
}
KNOWLEDGE = [f"KB{i}" for i in range(1, 6)]
EXPERIENCE = [f"XB{i}" for i in range(1, 6)]
ATTRIBUTES = [f"AT{i}" for i in range(1, 6)]
COMMON = KNOWLEDGE + EXPERIENCE + ATTRIBUTES

# Share of people per group (E 1 %, M 5 %, A 20 %, S 45 %, T 4 %, O 25 %).
GROUP_SHARES = {"E": 1, "M": 5, "A": 20, "S": 45, "T": 4, "O": 25}


def required(group):
    return GROUP_ABILITIES[group] + COMMON


def all_abilities():
    seen = []
    for codes in GROUP_ABILITIES.values():
        for c in codes:
            if c not in seen:
                seen.append(c)
    return seen


def tenths(held, total):
    """100 * held / total rounded half up to one decimal, as an integer number of tenths (exact)."""
    return (2000 * held + total) // (2 * total)


def band(t):
    return "ready" if t >= 800 else "developing" if t >= 500 else "beginner"


def reference(rec):
    """Plain-Python reference result, normalised form: what every engine must produce."""
    has = rec.get("has", {})
    ab = GROUP_ABILITIES[rec["group"]]
    req = ab + COMMON
    gaps = [c for c in req if has.get(c) is not True]
    ab_gaps = [c for c in ab if has.get(c) is not True]
    r_ab = tenths(len(ab) - len(ab_gaps), len(ab))
    r = tenths(len(req) - len(gaps), len(req))
    return {"id": rec["id"], "gaps": gaps, "ability_readiness": r_ab, "readiness": r,
            "band": band(r), "first3": ab_gaps[:3]}
