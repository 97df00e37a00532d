#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install what planpress needs to build, test and render, on Debian 12 or
# Ubuntu. Does nothing when everything is present; otherwise says what it
# will install and runs apt-get (through sudo when not root).
set -euo pipefail

packages=(
	gcc make cmake pkg-config
	libxml2-dev libcairo2-dev libpango1.0-dev libcmocka-dev librsvg2-dev
	libharfbuzz-dev libunibreak-dev zlib1g-dev libpng-dev
	fonts-liberation fonts-dejavu-core
	libqpdf-dev qpdf
	poppler-utils libxml2-utils python3 strace
)
# Extra tools for one target only (issue 6): --fuzz (make fuzz: clang and
# its libFuzzer runtime), --valgrind (make valgrind).
for opt in "$@"; do
	case $opt in
	--fuzz) packages=(clang libclang-rt-dev) ;;
	--valgrind) packages=(valgrind) ;;
	*) echo "install-deps: unknown option $opt (expected --fuzz or --valgrind)" >&2; exit 2 ;;
	esac
done

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps: dpkg-query not found; this script supports Debian and Ubuntu." >&2
	echo "install-deps: install by hand: ${packages[*]}" >&2
	exit 1
fi

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
