#!/bin/sh
# wordcount: the README's main job, a small command worth caching with casher.
#
#   ./casher -- sh examples/wordcount/run.sh     # 1st: miss, runs under strace and records
#   ./casher -- sh examples/wordcount/run.sh     # 2nd: hit, replays stdout, stderr and the report
#
# It lists examples/wordcount/data (so adding or removing a data file is a miss), reads every
# file there (changing one is a miss), writes out/report.txt (restored on a hit), prints a
# summary on stdout and a note on stderr (both replayed byte for byte, in order).
# Plain POSIX sh, ls, cat, wc and mkdir; run it from any directory.
set -e
here=$(dirname "$0")
data="$here/data"
out="$here/out"
mkdir -p "$out"

files=0
total=0
{
    for name in $(ls "$data"); do
        words=$(cat "$data/$name" | wc -w)
        echo "$name $words"
        files=$((files + 1))
        total=$((total + words))
    done
    echo "total $total"
} > "$out/report.txt"

files=$(ls "$data" | wc -l)
total=$(tail -n 1 "$out/report.txt" | cut -d ' ' -f 2)
echo "wordcount: $files files, $total words; report in $out/report.txt"
echo "wordcount: counted with wc -w (a note on stderr)" >&2
