#!/bin/sh
# Side-by-side import comparison: `seedctl import` against the naive peer
# importer (../shared/bench/peer_import.py: PyYAML + sqlite3, one thread) on
# a corpus from ../shared/corpus/gen_seeds.py, RUNS alternating runs each
# (seedctl first in odd runs, the peer first in even ones). Prints each
# run, then the medians, the ratios (wall and CPU time, seedctl / peer),
# seedctl's files/s and the archive's size (database + -wal + -shm after
# the import) against the corpus's bytes.
#
#   sh scripts/peer-compare.sh [COUNT [RUNS]]     (default 5000 3)
#
# SHARED names the shared folder (default: ../shared beside the repository,
# else beside its parent); WORK a scratch folder (default: a new temp dir;
# a corpus already there is reused); CORPUS an existing corpus folder of
# COUNT files to use instead of generating one (read only).
set -eu
cd "$(dirname "$0")/.."
COUNT=${1:-5000}
RUNS=${2:-3}
if [ -z "${SHARED:-}" ]; then
	for d in ../shared ../../shared; do
		[ -f "$d/bench/peer_import.py" ] && SHARED=$d && break
	done
fi
[ -n "${SHARED:-}" ] && [ -f "$SHARED/bench/peer_import.py" ] || {
	echo "peer-compare: set SHARED to the folder holding bench/peer_import.py" >&2
	exit 1
}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
BIN=$WORK/seedctl
go build -tags "migrated_fynedo no_emoji" -o "$BIN" ./cmd/seedctl
if [ -n "${CORPUS:-}" ]; then
	CORPUS=$(cd "$CORPUS" && pwd -P)
else
	CORPUS=$WORK/corpus-$COUNT
	if [ ! -f "$CORPUS/.complete" ]; then
		rm -rf "$CORPUS"
		python3 "$SHARED/corpus/gen_seeds.py" "$CORPUS" --count "$COUNT" >/dev/null
		touch "$CORPUS/.complete"
	fi
fi
BYTES=$(find "$CORPUS" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')

# run NAME: one timed import into a fresh database; appends
# "NAME wall cpu size" to $WORK/runs.
run() {
	db=$WORK/$1.db
	rm -f "$db" "$db-wal" "$db-shm"
	if [ "$1" = seedctl ]; then
		set -- "$1" "$BIN" import --db "$db" --quiet "$CORPUS"
	else
		set -- "$1" python3 "$SHARED/bench/peer_import.py" "$db" "$CORPUS"
	fi
	name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$WORK/time" "$@" >/dev/null
	size=$(cat "$db" "$db-wal" "$db-shm" 2>/dev/null | wc -c)
	awk -v n="$name" -v s="$size" '{printf "%s %.2f %.2f %d\n", n, $1, $2 + $3, s}' "$WORK/time" | tee -a "$WORK/runs"
}

: >"$WORK/runs"
echo "corpus: $COUNT files, $BYTES bytes ($CORPUS); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "who wall-s cpu-s archive-bytes"
i=1
while [ "$i" -le "$RUNS" ]; do
	if [ $((i % 2)) = 1 ]; then run seedctl; run peer; else run peer; run seedctl; fi
	i=$((i + 1))
done

# median FIELD WHO: the median of a column of WHO's runs.
median() {
	awk -v w="$2" -v f="$1" '$1 == w {print $f}' "$WORK/runs" | sort -g |
		awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
sw=$(median 2 seedctl) sc=$(median 3 seedctl) ss=$(median 4 seedctl)
pw=$(median 2 peer) pc=$(median 3 peer) ps=$(median 4 peer)
awk -v sw="$sw" -v sc="$sc" -v ss="$ss" -v pw="$pw" -v pc="$pc" -v ps="$ps" -v n="$COUNT" -v b="$BYTES" 'BEGIN {
	printf "median of %d: seedctl %.2f s wall, %.2f s CPU; peer %.2f s wall, %.2f s CPU\n", '"$RUNS"', sw, sc, pw, pc
	printf "ratio seedctl/peer: wall %.2f, CPU %.2f (target <= 0.33)\n", sw / pw, sc / pc
	printf "seedctl: %.0f files/s\n", n / sw
	printf "archive: %d bytes = %.2fx the corpus (peer %.2fx; target <= 1.2)\n", ss, ss / b, ps / b
}'
