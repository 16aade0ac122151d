#!/usr/bin/env bash
# Fuzzes the MIME parser with libFuzzer for a bounded time (not part of `swift test`).
#
#   scripts/fuzz/mime.sh [SECONDS]        # default 60; corpus kept in .build/fuzz/mime-corpus
#
# Builds MailCore and MIME as instrumented static modules with
# `swiftc -sanitize=fuzzer,address -parse-as-library`, links Fuzz/MIMEFuzzer/main.swift against them, seeds
# the corpus with the golden fixtures, and runs with -max_total_time. Crashes land in .build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
out=".build/fuzz/mime"
corpus=".build/fuzz/mime-corpus"
mkdir -p "$out" "$corpus"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)

swiftc "${flags[@]}" -module-name MailCore -emit-module -emit-module-path "$out/MailCore.swiftmodule" \
    -emit-library -static -o "$out/libMailCore.a" Sources/MailCore/*.swift
swiftc "${flags[@]}" -module-name MIME -I "$out" -emit-module -emit-module-path "$out/MIME.swiftmodule" \
    -emit-library -static -o "$out/libMIME.a" Sources/MIME/*.swift
swiftc "${flags[@]}" -module-name MIMEFuzzer -I "$out" -L "$out" -lMIME -lMailCore \
    Fuzz/MIMEFuzzer/main.swift -o "$out/mime-fuzzer"

find Tests/MIMETests/Fixtures/mime -name '*.eml' -exec cp {} "$corpus/" \;
"$out/mime-fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len=65536 -dict=Fuzz/MIMEFuzzer/mime.dict -artifact_prefix=".build/fuzz/mime-" -print_final_stats=1
