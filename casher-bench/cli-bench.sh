#!/usr/bin/env bash
# Whole-process benchmarks of the casher CLI (issue 4, DESIGN §6), each side by side with its
# baseline in the same run:
#   1. hit wall time vs a bare hello-world JVM start (same JDK) vs the plain command;
#   2. miss overhead with and without seccomp-bpf vs the plain command: javac on 50 classes,
#      and reading 5,000 small files;
#   3. restoring a 50 MB output on a hit vs `cp` of the same file.
# Uses hyperfine when installed (apt-get install -y hyperfine), else a loop with date +%s%N.
# Usage: casher-bench/cli-bench.sh [RUNS]   (results: target/cli-bench/*.md and stdout)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
casher="$root/casher"
java="${JAVA:-java}"
w="$root/casher-bench/target/cli-bench"
rm -rf "$w"; mkdir -p "$w"; cd "$w"
export CASHER_CACHE_DIR="$w/cache"

"$casher" --version >/dev/null   # builds the jar and records the CDS archive if needed
"$casher" --version >/dev/null

# Fixtures
cat > Hello.java <<'J'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
J
javac -d . Hello.java
cp -r "$root/examples/wordcount" wordcount; rm -rf wordcount/out
mkdir -p javac/src
for i in $(seq 1 50); do
  cat > "javac/src/C$i.java" <<J
package bench;
import java.util.*;
public class C$i {
    private final List<String> items = new ArrayList<>();
    public int work(int n) { int s = 0; for (int k = 0; k < n; k++) { s += k * $i; items.add("x" + k); } return s + C$(( i % 50 + 1 )).ID; }
    public static final int ID = $i;
    public Map<String, Integer> index() { Map<String, Integer> m = new HashMap<>(); for (String s : items) m.merge(s, 1, Integer::sum); return m; }
}
J
done
mkdir -p files
for i in $(seq 1 5000); do echo "file $i" > "files/f$i.txt"; done
head -c 52428800 /dev/urandom > big.src

bench() { # name, then commands as "label=command"; optional PREPARE env var
  local name="$1"; shift
  if command -v hyperfine >/dev/null; then
    local args=(--warmup 1 --runs "$runs" --style basic --export-markdown "$name.md" -N)
    [[ -n "${PREPARE:-}" ]] && args+=(--prepare "$PREPARE")
    local cmds=()
    for c in "$@"; do args+=(-n "${c%%=*}"); cmds+=("${c#*=}"); done
    hyperfine "${args[@]}" "${cmds[@]}" >/dev/null
    cat "$name.md"; echo
  else
    echo "| Command | Mean [ms] |"; echo "|:---|---:|"
    for c in "$@"; do
      local t0 t1 sum=0
      for _ in $(seq 1 "$runs"); do
        [[ -n "${PREPARE:-}" ]] && bash -c "$PREPARE"
        t0=$(date +%s%N); bash -c "${c#*=}" >/dev/null 2>&1; t1=$(date +%s%N)
        sum=$((sum + t1 - t0))
      done
      echo "| ${c%%=*} | $((sum / runs / 1000000)) |"
    done; echo
  fi
}

echo "load average: $(cut -d ' ' -f 1-3 /proc/loadavg), $(nproc) cores, $("$java" -version 2>&1 | head -1)"
echo
echo "## 1. Hit wall time (wordcount example)"
"$casher" -q -- sh wordcount/run.sh </dev/null >/dev/null 2>&1
j25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
extra=()
if [[ -x "$j25" ]]; then
  JAVA="$j25" "$casher" -q -- sh wordcount/run.sh </dev/null >/dev/null 2>&1  # records the AOT cache
  extra=("bare JVM hello (JDK 25)=$j25 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp . Hello"
         "casher hit (JDK 25, AOT cache)=env JAVA=$j25 $casher -q -- sh wordcount/run.sh")
fi
bench hit "${extra[@]}" \
  "bare JVM hello=$java -Xshare:auto -cp . Hello" \
  "bare JVM hello, C1+SerialGC=$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp . Hello" \
  "plain sh run.sh=sh wordcount/run.sh" \
  "casher hit (AppCDS)=$casher -q -- sh wordcount/run.sh" \
  "casher hit (no CDS)=env CASHER_NO_CDS=1 $casher -q -- sh wordcount/run.sh"

echo "## 2a. Miss overhead: javac on 50 classes"
bench miss-javac \
  "plain javac=sh -c 'javac -d javac/out javac/src/C*.java'" \
  "casher miss, seccomp-bpf=$casher -q --refresh -- sh -c 'javac -d javac/out javac/src/C*.java'" \
  "casher miss, no seccomp-bpf=env CASHER_SECCOMP_BPF=off $casher -q --refresh -- sh -c 'javac -d javac/out javac/src/C*.java'"

echo "## 2b. Miss overhead: reading 5,000 files"
bench miss-files \
  "plain cat=sh -c 'cat files/* | wc -c'" \
  "casher miss, seccomp-bpf=$casher -q --refresh -- sh -c 'cat files/* | wc -c'" \
  "casher miss, no seccomp-bpf=env CASHER_SECCOMP_BPF=off $casher -q --refresh -- sh -c 'cat files/* | wc -c'"

echo "## 3. Restoring a 50 MB output"
"$casher" -q -- cp big.src big.bin </dev/null
PREPARE="rm -f big.bin" bench restore \
  "cp 50 MB=cp big.src big.bin" \
  "casher hit restoring 50 MB=$casher -q -- cp big.src big.bin" \
  "casher hit, nothing to restore=$casher -q -- sh wordcount/run.sh"
