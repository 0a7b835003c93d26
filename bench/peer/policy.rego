# Peer-benchmark policy (bench/peer): the workload of bench/peer/thaksa in OPA Rego (v1 syntax).
# Evaluated per record by bench/peer/run.py through regopy (rego-cpp); query `data.peer.result`.
package peer

import rego.v1

# Group -> required abilities, in requirement order.
abilities := {
	"E": ["DLit100", "DLit400", "DG100", "DS100", "SPM100", "DL100", "DL300", "DTr100", "DTr200"],
	"M": ["DLit400", "DLit700", "DG100", "DG400", "DT300", "DS100", "SPM100", "SPM200", "SPM400", "SPM300", "DL100", "DL300", "DTr100"],
	"A": ["DLit100", "DLit200", "DLit300", "DLit400", "DLit700", "DG100", "DG400", "SPM400", "SPM200"],
	"S": ["DLit100", "DLit200", "DLit300", "DLit400", "DLit700", "DG100", "DG400", "DS100"],
	"T": ["DLit300", "DLit400", "DG400", "DG100", "DT100", "DT300", "DT400", "DT500", "DT600", "DS100", "SPM100", "SPM200", "SPM400", "SPM500", "SPM600", "DL300"],
	"O": ["DLit100", "DLit200", "DLit400", "DG100", "DG400"],
}

# Every group also requires these, after its abilities.
common := ["KB1", "KB2", "KB3", "KB4", "KB5", "XB1", "XB2", "XB3", "XB4", "XB5", "AT1", "AT2", "AT3", "AT4", "AT5"]

group_abilities := abilities[input.group]

# An item is held only when answered true; a missing item is not held. Gaps keep requirement
# order: the group's abilities, then the common items. (Written inline rather than through a
# helper `held(c)`: in rego-cpp 1.5.2 the helper-function form is about 3x slower.)
ability_gaps := [c | some c in group_abilities; not input.has[c] == true]

gaps := array.concat(ability_gaps, [c | some c in common; not input.has[c] == true])

# 100 * held / total rounded half up to one decimal, in tenths, with integer arithmetic:
# floor((2000 * held + total) / (2 * total)). Both operands are small integers, so the quotient
# floor is exact even though `/` divides in floating point.
tenths(h, t) := floor(((2000 * h) + t) / (2 * t))

ability_tenths := tenths(count(group_abilities) - count(ability_gaps), count(group_abilities))

total := count(group_abilities) + count(common)

readiness_tenths := tenths(total - count(gaps), total)

band := "ready" if {
	readiness_tenths >= 800
} else := "developing" if {
	readiness_tenths >= 500
} else := "beginner"

result := {
	"id": input.id,
	"gaps": gaps,
	"ability_readiness": ability_tenths / 10,
	"readiness": readiness_tenths / 10,
	"band": band,
	"first3": array.slice(ability_gaps, 0, 3),
}
