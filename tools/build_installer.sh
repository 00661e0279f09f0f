#!/usr/bin/env bash
# Build the Windows installer on Linux and check it under wine:
#   bash tools/build_installer.sh        ->  dist/工会竞赛台账-安装程序-<版本>.exe
# Installs what the machine lacks first (as root: Debian's nsis, p7zip-full, wine with wine32 for the 32-bit
# NSIS installer, mingw-w64 for the test-only ICU stub, poppler-utils, CJK fonts; pip's requirements-dev.txt).
# Not run by CI (a few minutes); tests/app/test_installer.py checks the parts that can be checked fast.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

need=()
command -v makensis >/dev/null 2>&1 || need+=(nsis)
command -v 7z >/dev/null 2>&1 || need+=(p7zip-full)
command -v file >/dev/null 2>&1 || need+=(file)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
command -v wine >/dev/null 2>&1 || need+=(wine wine64)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
dpkg -s wine32:i386 >/dev/null 2>&1 || need+=(wine32:i386)   # NSIS installers are 32-bit programs
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  dpkg --print-foreign-architectures | grep -q i386 || dpkg --add-architecture i386
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

python tools/installer.py build
python tools/installer.py check
echo "installer built and checked in $(( $(date +%s) - start )) s: $(ls -1 dist/*安装程序*.exe)"
