# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Debian's archive without touching the host: a private sources list, state
# and cache directory under the kernel cache, 'apt-get download' and
# 'dpkg -x'. For ci/kernel-source.sh (linux-source-VERSION) and
# ci/stock-kernel.sh (Debian's binary kernels). Sourced; uses the caller's
# say(). Nothing here reads or writes the host's dpkg database, its apt
# sources or its apt state, so it needs no root and works the same on a
# Debian 12 or 13 host, an Ubuntu host, or any host with apt-get and dpkg-deb.
#
# The archive: GLT_DEBIAN_ARCHIVE (default: the host's own Debian mirror if
# the host is Debian, else http://deb.debian.org/debian), its security
# pocket GLT_DEBIAN_SECURITY_ARCHIVE (default: ARCHIVE with /debian ->
# /debian-security), and the keyring that signs both, GLT_DEBIAN_KEYRING
# (default: debian-archive-keyring's file, .gpg or .pgp).

glt_cache_root=${GLT_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gup-longterm-test/kernels}

# The first URI of the host's own Debian sources for its main suite (deb822
# or one-line), or nothing.
glt_host_debian_archive() {
	local f suite
	[ -r /etc/os-release ] || return 0
	[ "$(. /etc/os-release && echo "${ID:-}")" = debian ] || return 0
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$suite" ] || return 0
	{
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -r "$f" ] || continue
			awk -v s="$suite" '
				/^$/ { if (u != "" && ok) { print u; exit } u = ""; ok = 0 }
				/^URIs:/ { u = $2 }
				/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
				END { if (u != "" && ok) print u }' "$f"
		done
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -r "$f" ] || continue
			awk -v s="$suite" '$1 == "deb" && $3 == s { print ($2 ~ /^\[/ ? $3 : $2) }' "$f"
		done
	} | grep -v -- '-security' | head -n 1
}

glt_debian_archive() {
	local uri=${GLT_DEBIAN_ARCHIVE:-}
	[ -n "$uri" ] || uri=$(glt_host_debian_archive)
	echo "${uri:-http://deb.debian.org/debian}"
}

glt_debian_keyring() {
	local k
	if [ -n "${GLT_DEBIAN_KEYRING:-}" ]; then
		echo "$GLT_DEBIAN_KEYRING"
		return
	fi
	for k in /usr/share/keyrings/debian-archive-keyring.gpg /usr/share/keyrings/debian-archive-keyring.pgp; do
		[ -r "$k" ] && { echo "$k"; return; }
	done
}

# glt_apt_init SUITES [ARCH]: the private apt state of SUITES (comma-
# separated, e.g. "bookworm,bookworm-security", as in ci/kernels.list's
# suite column) for ARCH (default amd64), its index refreshed once a day at
# most. Sets glt_apt_root and glt_apt_opts. Holds a lock on the state until
# the caller exits.
glt_apt_init() {
	local suites=$1 arch=${2:-amd64} uri sec keyring s lock stamp
	for t in apt-get dpkg-deb; do
		command -v "$t" >/dev/null || {
			echo "debian-apt: $t is missing: Debian's kernels are fetched with apt-get and dpkg-deb (Debian/Ubuntu: apt-get install apt dpkg). Without them, run your own kernel: make run KERNEL_IMAGE=... KDIR=... (docs/troubleshooting.md)" >&2
			exit 1; }
	done
	uri=$(glt_debian_archive)
	sec=${GLT_DEBIAN_SECURITY_ARCHIVE:-}
	if [ -z "$sec" ]; then
		case "$uri" in
		*/debian | */debian/) sec=${uri%/}-security ;;
		*) sec=http://deb.debian.org/debian-security ;;
		esac
	fi
	keyring=$(glt_debian_keyring)
	[ -n "$keyring" ] && [ -r "$keyring" ] || {
		echo "debian-apt: no Debian archive keyring: install debian-archive-keyring (Debian, Ubuntu) or set GLT_DEBIAN_KEYRING=FILE" >&2
		exit 1; }
	glt_apt_root=$glt_cache_root/apt-${suites//,/+}-$arch
	mkdir -p "$glt_apt_root/lists/partial" "$glt_apt_root/archives/partial" \
		"$glt_apt_root/debs" "$glt_apt_root/etc/parts" "$glt_apt_root/etc/prefs"
	exec {lock}>"$glt_apt_root.lock"
	flock "$lock"
	: >"$glt_apt_root/status"
	: >"$glt_apt_root/etc/sources.list.new"
	for s in ${suites//,/ }; do
		case "$s" in
		*-security) echo "deb [signed-by=$keyring] $sec $s main" ;;
		*) echo "deb [signed-by=$keyring] $uri $s main" ;;
		esac >>"$glt_apt_root/etc/sources.list.new"
	done
	# A changed archive or keyring invalidates the index.
	if ! cmp -s "$glt_apt_root/etc/sources.list.new" "$glt_apt_root/etc/sources.list"; then
		rm -f "$glt_apt_root/lists/.updated"
	fi
	mv "$glt_apt_root/etc/sources.list.new" "$glt_apt_root/etc/sources.list"
	glt_apt_opts=(-o Dir::Etc::SourceList="$glt_apt_root/etc/sources.list"
		-o Dir::Etc::SourceParts="$glt_apt_root/etc/parts"
		-o Dir::Etc::Preferences="$glt_apt_root/etc/preferences"
		-o Dir::Etc::PreferencesParts="$glt_apt_root/etc/prefs"
		-o Dir::State="$glt_apt_root" -o Dir::State::Lists="$glt_apt_root/lists"
		-o Dir::State::status="$glt_apt_root/status"
		-o Dir::Cache="$glt_apt_root" -o Dir::Cache::archives="$glt_apt_root/archives"
		-o APT::Architecture="$arch" -o APT::Architectures::="$arch"
		-o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1)
	# As root, apt drops to the _apt user to download, which cannot write
	# into a cache under /root; as a user, there is nothing to drop.
	[ "$(id -u)" -ne 0 ] || glt_apt_opts+=(-o APT::Sandbox::User=root)
	# The index is refreshed once a day at most; a cached index whose
	# package has been replaced upstream is refreshed on the download's
	# failure (glt_apt_fetch).
	stamp=$glt_apt_root/lists/.updated
	if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
		glt_apt_update
	fi
}

glt_apt_update() {
	local stamp=$glt_apt_root/lists/.updated
	say "reading the index of $(awk '{ printf "%s ", $4 }' "$glt_apt_root/etc/sources.list")from $(glt_debian_archive) (private apt state in $glt_apt_root)"
	if apt-get "${glt_apt_opts[@]}" -q update >&2; then
		touch "$stamp"
	elif [ -f "$stamp" ]; then
		# Offline, or the mirror is down: the index of the last refresh
		# still names packages that are cached here.
		say "apt-get update failed: using the index of $(date -r "$stamp" '+%F %R')"
	else
		echo "debian-apt: apt-get update failed, and there is no earlier index in $glt_apt_root: check the network, or name a reachable Debian mirror with GLT_DEBIAN_ARCHIVE=URL (and GLT_DEBIAN_SECURITY_ARCHIVE=URL)" >&2
		exit 1
	fi
}

# glt_apt_version PKG: the version of PKG apt would pick from the private
# index (the newest, by dpkg's ordering), or nothing.
glt_apt_version() {
	local v
	v=$(apt-cache "${glt_apt_opts[@]}" policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p')
	[ "$v" = "(none)" ] || echo "$v"
}

# glt_apt_field PKG=VERSION FIELD: one field of that package's entry.
glt_apt_field() {
	apt-cache "${glt_apt_opts[@]}" show "$1" 2>/dev/null | sed -n "s/^$2: //p" | head -n 1
}

# glt_apt_fetch DIR PKG=VERSION...: download the packages into DIR and
# unpack each into DIR/root with dpkg-deb -x; DIR/done marks a complete
# fetch, so that an interrupted one is redone, not trusted.
glt_apt_fetch() {
	local dir=$1 deb
	shift
	[ ! -f "$dir/done" ] && [ -d "$dir" ] && rm -rf "$dir"
	[ -f "$dir/done" ] && return 0
	mkdir -p "$dir/root"
	say "downloading $*"
	if ! (cd "$dir" && apt-get "${glt_apt_opts[@]}" -q download "$@") >&2; then
		# The index may name a version the mirror has replaced.
		glt_apt_update
		(cd "$dir" && apt-get "${glt_apt_opts[@]}" -q download "$@") >&2 || {
			echo "debian-apt: apt-get download $* failed" >&2; exit 1; }
	fi
	for deb in "$dir"/*.deb; do
		dpkg-deb -x "$deb" "$dir/root"
		rm -f "$deb"
	done
	touch "$dir/done"
}
