#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller and smoke-test it: the command line makes example data,
# a ledger PDF and an .xlsx return; the window opens offscreen on that data and closes by itself.
#   bash tools/build_bundle.sh            (needs requirements-dev.txt installed; not run by CI)
set -euo pipefail
cd "$(dirname "$0")/.."
python -m PyInstaller --noconfirm --clean build.spec >/tmp/union-ledger-pyinstaller.log 2>&1 \
  || { tail -40 /tmp/union-ledger-pyinstaller.log; exit 1; }
bundle=dist/UnionLedger
exe="$bundle/UnionLedger"
[ -x "$exe" ] || exe="$bundle/UnionLedger.exe"
echo "bundle: $(du -sh "$bundle" | cut -f1) in $(find "$bundle" -type f | wc -l) files"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/示例 台账.db"
"$exe" demo --db "$db" --units 300 --seed 3 --year 2026
"$exe" report ledger --db "$db" --year 2026 --out "$work/台账.pdf"
"$exe" export ledger --db "$db" --year 2026 --out "$work/台账.xlsx"
"$exe" units list --db "$db" --format json --out "$work/units.json" 2>/dev/null
"$exe" report roster --db "$db" --year 2025 --out "$work/表彰名单.pdf"
"$exe" export recommendations --db "$db" --year 2026 --out "$work/推荐名单.xlsx"
"$exe" figures list --db "$db" --year 2026 --out "$work/年度数据.csv" 2>/dev/null
"$exe" indicators --db "$db" --year 2026 --format json --out "$work/指标.json" 2>/dev/null
"$exe" report summary --db "$db" --year 2026 --out "$work/年度汇总.pdf"
"$exe" check --db "$db" --year 2026 >/dev/null 2>&1 || true   # exit 1 only while an 错误 stands
"$exe" export return 表一 表二 表三 表四 表五 --db "$db" --year 2026 --force --out "$work/上报表.xlsx"
"$exe" backup --db "$db" --out "$work/备份"
command -v pdffonts >/dev/null && pdffonts "$work/台账.pdf" | awk 'NR>2 && $(NF-4)!="yes" {bad=1} END {exit bad}' \
  && echo "PDF fonts embedded"
# The window: offscreen, quit after two seconds by an environment switch the program honours.
QT_QPA_PLATFORM=offscreen UNION_LEDGER_QUIT_AFTER_MS=2000 timeout 60 "$exe" --db "$db"
echo "window opened and closed"
echo "smoke test passed"
