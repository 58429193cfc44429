# paired.awk compares the SDK with the baseline round by round: for each
# benchmark, the ratios sdk/baseline, sdk-novalidate/baseline and
# sdk/sdk-novalidate of each process (round) of go test output, their median
# over the rounds, the middle half of them, and in how many rounds the ratio
# was above 1. A round's three figures are taken seconds apart, so their
# ratio keeps little of the machine's load, which changes from one round to
# the next (see doc.go). metric is ns (sec/op, the default) or cpu
# (cpu-ns/op).
#
#	awk -v metric=cpu -f internal/bench/paired.awk bench.txt
BEGIN { if (metric == "") metric = "ns"; unit = metric == "cpu" ? "cpu-ns/op" : "ns/op" }

# sort sorts a[1..n] in place (mawk has no asort).
function sort(a, n,   i, j, t) {
  for (i = 2; i <= n; i++) {
    t = a[i]
    for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]
    a[j+1] = t
  }
}
function median(a, n) { sort(a, n); return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
# quantile of a sorted a[1..n], to the nearest sample.
function quantile(a, n, p) { return a[int(p * (n - 1) + 0.5) + 1] }
function show(a, n, above) {
  return sprintf("%.3f [%.2f-%.2f] %2d", median(a, n), quantile(a, n, .25), quantile(a, n, .75), above)
}

/^goos:/ { round++ }
/^Benchmark.*impl=/ {
  name = $1; sub(/-[0-9]+$/, "", name)
  impl = name; sub(/.*impl=/, "", impl)
  key = name; sub(/\/impl=.*/, "", key); sub(/^Benchmark/, "", key)
  for (f = 3; f < NF; f++) if ($(f+1) == unit) v[round, key, impl] = $f
  if (!(key in seen)) { seen[key] = 1; keys[++nkeys] = key }
}
END {
  printf "%-20s %6s %11s %11s %11s  %-20s  %-20s  %-20s\n", "benchmark (" metric ")", "rounds",
    "baseline", "sdk", "novalidate", "sdk/base [IQR] >1", "noval/base [IQR] >1", "sdk/noval [IQR] >1"
  for (k = 1; k <= nkeys; k++) {
    key = keys[k]; n = 0; ups = upn = upv = 0
    split("", b); split("", s); split("", nv); split("", rs); split("", rn); split("", rv)
    for (i = 1; i <= round; i++) {
      if (!((i, key, "baseline") in v && (i, key, "sdk") in v && (i, key, "sdk-novalidate") in v)) continue
      n++
      b[n] = v[i, key, "baseline"]; s[n] = v[i, key, "sdk"]; nv[n] = v[i, key, "sdk-novalidate"]
      rs[n] = s[n] / b[n]; rn[n] = nv[n] / b[n]; rv[n] = s[n] / nv[n]
      ups += rs[n] > 1; upn += rn[n] > 1; upv += rv[n] > 1
    }
    if (n == 0) continue
    printf "%-20s %6d %11.0f %11.0f %11.0f  %s  %s  %s\n", key, n, median(b, n), median(s, n), median(nv, n),
      show(rs, n, ups), show(rn, n, upn), show(rv, n, upv)
  }
}
