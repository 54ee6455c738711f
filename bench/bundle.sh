#!/usr/bin/env bash
# P6: what a browser downloads for the app — the release WebAssembly, its JS glue and the CSS —
# raw, gzip -9 and brotli (quality 11, Node's zlib). A figure, not a test.
#   bench/bundle.sh [site-dir]      (default target/site, as `make release` leaves it)
set -euo pipefail
site=${1:-target/site}
printf '%-22s %12s %12s %12s\n' file raw 'gzip -9' brotli
for f in "$site"/pkg/*.wasm "$site"/pkg/*.js "$site"/pkg/*.css; do
  [ -f "$f" ] || continue
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(node -e 'const z=require("zlib"),fs=require("fs");
    const b=z.brotliCompressSync(fs.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});
    console.log(b.length)' "$f")
  printf '%-22s %12d %12d %12d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
