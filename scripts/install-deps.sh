#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install what planpress needs to build, test and render, on Debian 12 or
# Ubuntu. Does nothing when everything is present; otherwise says what it
# will install and runs apt-get (through sudo when not root).
set -euo pipefail

packages=(
	gcc make cmake pkg-config binutils
	libxml2-dev libcairo2-dev libpango1.0-dev libcmocka-dev librsvg2-dev
	libharfbuzz-dev libunibreak-dev zlib1g-dev libdeflate-dev libpng-dev
	fonts-liberation fonts-dejavu-core
	libqpdf-dev qpdf
	poppler-utils libxml2-utils python3 strace
	# prlimit and unshare (bounds, a full file system), chattr (an
	# unwritable folder as root): the hostile tests need them.
	util-linux e2fsprogs
	# Independent PDF readers the text-layer tests compare (issue 16):
	# MuPDF's mutool, and pikepdf to read fonts' /ToUnicode maps. pdf.js
	# comes from npm, pinned in tests/readers (installed at the end).
	mupdf-tools python3-pikepdf
	# Two SVG posters inlined in one page, drawn by headless Chromium and
	# compared with PIL (tests/cli/svg_chromium.py).
	chromium python3-pil
)
# Extra tools for one target only (issue 6): --fuzz (make fuzz: clang and
# its libFuzzer runtime), --valgrind (make valgrind).
readers=1
for opt in "$@"; do
	case $opt in
	--fuzz) packages=(clang libclang-rt-dev); readers=0 ;;
	--valgrind) packages=(valgrind); readers=0 ;;
	*) echo "install-deps: unknown option $opt (expected --fuzz or --valgrind)" >&2; exit 2 ;;
	esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: dpkg-query not found; this script supports Debian and Ubuntu." >&2
	echo "install-deps: install by hand: ${packages[*]}" >&2
	exit 1
fi

# node and npm for pdf.js: Debian's, unless a node is there already.
if [ $readers = 1 ]; then
	command -v node >/dev/null 2>&1 || packages+=(nodejs)
	command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

# pdf.js, pinned by tests/readers/package-lock.json, installed again only
# when the lock file changed.
install_pdfjs() {
	[ $readers = 1 ] || return 0
	local dir
	dir=$(cd "$(dirname "$0")/../tests/readers" && pwd)
	if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.pp-lock" 2>/dev/null; then
		echo "install-deps: installing pdf.js (npm ci in tests/readers)"
		(cd "$dir" && npm ci --omit=optional --ignore-scripts --no-audit --no-fund >/dev/null)
		cp "$dir/package-lock.json" "$dir/node_modules/.pp-lock"
	fi
}

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	install_pdfjs
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-deps: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi
# sudo resets the environment, so DEBIAN_FRONTEND goes on apt-get's own
# command line (through env): debconf then asks nothing and prints no
# "unable to initialize frontend" lines.
sudo+=(env DEBIAN_FRONTEND=noninteractive)
apt_install() {
	"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
# A fresh machine may have no package lists yet: update once and retry.
if ! apt_install; then
	"${sudo[@]}" apt-get update
	apt_install
fi
install_pdfjs
