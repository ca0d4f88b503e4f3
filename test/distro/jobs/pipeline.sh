# A shell workload for busybox sh: every pipeline stage is a child process (fork, then an applet run in
# the child or a re-exec of /proc/self/exe), so this exercises fork, execve, pipes, wait4 and exit codes.
# Run as `busybox sh pipeline.sh` in an empty working directory; everything it prints is deterministic.
set -e

# Generate 3000 lines of "word number" with a small LCG (shell arithmetic only).
x=7
i=0
: > words.txt
while [ $i -lt 3000 ]; do
  x=$(( (x * 1103515245 + 12345) % 2147483648 ))
  case $(( x % 7 )) in
    0) w=apple ;; 1) w=kiwi ;; 2) w=fig ;; 3) w=date ;; 4) w=plum ;; 5) w=pear ;; *) w=lime ;;
  esac
  echo "$w $(( x % 1000 ))" >> words.txt
  i=$((i + 1))
done

echo "== counts"
wc -l < words.txt
cut -d' ' -f1 words.txt | sort | uniq -c | sort -k1,1nr -k2
echo "== top numbers"
cut -d' ' -f2 words.txt | sort -n | uniq -c | sort -k1,1nr -k2,2n | head -n 5
echo "== sums by word (awk)"
awk '{ s[$1] += $2; n[$1]++ } END { for (w in s) printf "%s %d %.2f\n", w, s[w], s[w] / n[w] }' words.txt | sort
echo "== sed"
sed -n 's/^\(pl[a-z]*\) \(9[0-9][0-9]\)$/\2:\1/p' words.txt | sort -t: -k1,1n | tail -n 3
sed 's/a/A/g; s/[0-9]\+/#/' words.txt | sort -u | tr '\n' ' '
echo
echo "== checksums"
sha256sum words.txt | cut -c1-64
sort words.txt | sha256sum | cut -c1-64
echo "== gzip round trip"
gzip -c words.txt | gunzip -c | cmp - words.txt && echo "gzip|gunzip identical"
gzip -9 -c words.txt > words.gz
gunzip -c words.gz | wc -c
echo "== subshells, command substitution, exit codes"
n=$(grep -c '^kiwi' words.txt)
echo "kiwi lines: $n"
if grep -q '^banana' words.txt; then echo "banana found"; else echo "no banana (status $?)"; fi
( exit 3 ) || echo "subshell exited $?"
for w in apple fig lime; do
  printf '%s=%s ' "$w" "$(grep "^$w " words.txt | wc -l)"
done
echo
echo "== files, find -exec, xargs"
mkdir -p tree/a/b tree/c
for f in tree/one tree/a/two tree/a/b/three tree/c/four; do head -n 40 words.txt > "$f"; done
find tree -type f | sort
find tree -type f -exec wc -l {} \; | sort -k2
find tree -type f | sort | xargs cat | sha256sum | cut -c1-64
find tree -name 't*' -print0 | xargs -0 -n 1 basename | sort
echo "== background job and wait"
sort -r words.txt > rev.txt &
wait $!
head -n 2 rev.txt
echo "== done"
