#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A host without apt-get and dpkg (Fedora, Arch, ...), faked on this one:
# the whole PATH is a directory of symlinks to every command of the
# system's bin and sbin directories except apt* and dpkg*.
#   ci/test-non-apt-host.sh [--kernel NAME] [--with-guest] [--keep]
# (a) scripts/install-deps.sh (and --check) exits 0, silently, with
#     everything there;
# (b) with jq, then qemu-system-x86_64, left out it exits 1 and names the
#     Fedora and Arch packages, and says that only make run KERNEL_IMAGE=
#     KDIR= runs there;
# (c) make run KERNEL_IMAGE=... KDIR=... MODULES_DIR=... KERNEL_NAME=...
#     with that PATH, on a kernel built here (NAME, default dax-5.10, as a
#     user's own tree: its bzImage, build tree and installed modules), in a
#     copy of this tree (its own build/): by default up to the boot, QEMU
#     being a stub that records how it was called; the initramfs must hold
#     the same files as one built with this host's PATH. --with-guest boots
#     it for real, and the run must pass ("[NAME] passed: ...").
# None of it may run apt-get, apt-cache or dpkg*: each step runs under
# strace where strace works (an absolute path would get past PATH), and
# its output must not say that one of them was not found.
# Exit 0: passed; 1: failed; 77: (c) could not run (NAME is not built and
# cached here: ci/build-kernel.sh NAME), after (a) and (b) passed.
# --keep keeps the copy of the tree (and the results in its build/results/).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=dax-5.10 with_guest='' keep=''
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=${2:?--kernel NAME}; shift 2 ;;
	--with-guest) with_guest=1; shift ;;
	--keep) keep=1; shift ;;
	-h | --help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "test-non-apt-host: unknown argument '$1'" >&2; exit 2 ;;
	esac
done

tmp=$(mktemp -d)
cleanup() { if [ -n "$keep" ]; then echo "# kept: $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
fail=0
ok() { echo "ok $1"; }
not_ok() { echo "not ok $1: $2"; fail=1; }

# The fake host's commands: everything the system has, apt and dpkg aside.
bin=$tmp/bin
mkdir -p "$bin"
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
	for f in "$d"/*; do
		n=${f##*/}
		case "$n" in apt* | dpkg*) continue ;; esac
		[ -f "$f" ] && [ -x "$f" ] && [ ! -e "$bin/$n" ] && ln -s "$f" "$bin/$n"
	done
done
for t in apt-get apt-cache dpkg dpkg-query dpkg-deb; do
	[ ! -e "$bin/$t" ] || { echo "test-non-apt-host: $bin/$t exists"; exit 1; }
done
echo "# fake host: $(find "$bin" -mindepth 1 | wc -l) commands in $bin, no apt* or dpkg*"

# Every step runs with a clean environment and that PATH, under strace
# (execve only, through a seccomp filter: a guest boot is not slowed) when
# strace works here.
trace=()
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
	trace=(strace -f -qq --seccomp-bpf -e 'trace=execve,execveat' -o "$tmp/strace.log")
	strace "${trace[@]:1}" true 2>/dev/null || trace=(strace -f -qq -e 'trace=execve,execveat' -o "$tmp/strace.log")
else
	echo "# strace does not work here: only PATH keeps apt-get and dpkg away"
fi
# fake_host DIR COMMAND...: COMMAND in DIR on the fake host; its output
# (stdout and stderr) in $out, its exit status in $rc.
fake_host() {
	local dir=$1
	shift
	rm -f "$tmp/strace.log"
	out=$(cd "$dir" && env -i HOME="$HOME" USER="${USER:-$(id -un)}" LOGNAME="${LOGNAME:-$(id -un)}" \
		LANG=C.UTF-8 TERM=dumb PATH="$bin" "${trace[@]}" "$@" 2>&1)
	rc=$?
}
# no_apt NAME: the last step ran no apt* or dpkg*, nor tried to.
no_apt() {
	local ran=
	[ ! -f "$tmp/strace.log" ] ||
		ran=$(grep -oE 'exec(ve|veat)\([^"]*"[^"]*/(apt[^"/]*|dpkg[^"/]*)"' "$tmp/strace.log" | sort -u | head -n 3)
	if [ -n "$ran" ]; then
		not_ok "$1-runs-no-apt" "it ran: $ran"
	elif grep -qE '(apt[a-z-]*|dpkg[a-z-]*): (command )?not found' <<<"$out"; then
		not_ok "$1-runs-no-apt" "it tried: $(grep -E '(apt|dpkg)[a-z-]*: (command )?not found' <<<"$out" | head -n 1)"
	else
		ok "$1-runs-no-apt"
	fi
}
# expect_text NAME PATTERN: the last step's output matches PATTERN.
expect_text() {
	if grep -qE -- "$2" <<<"$out"; then ok "$1"; else not_ok "$1" "no /$2/ in its output: $(head -c 2000 <<<"$out")"; fi
}

# (a) everything there: exit 0, silently.
for opt in "" --check; do
	fake_host "$top" scripts/install-deps.sh $opt
	name=install-deps${opt:+-check}-all-there
	if [ "$rc" -eq 0 ] && [ -z "$out" ]; then ok "$name"; else not_ok "$name" "exit $rc (want 0, silent): $out"; fi
	no_apt "$name"
done

# (b) one tool left out: exit 1, its Fedora and Arch packages named.
# (Tools of /usr/bin only: the sbin directories are searched beyond PATH,
# as a user's PATH lacks them on Debian.)
for t in "jq:jq | jq" "qemu-system-x86_64:qemu-system-x86-core | qemu-system-x86"; do
	tool=${t%%:*} pkgs=${t#*:}
	mv "$bin/$tool" "$tmp/$tool.away"
	fake_host "$top" scripts/install-deps.sh
	mv "$tmp/$tool.away" "$bin/$tool"
	name=install-deps-without-$tool
	if [ "$rc" -eq 1 ]; then ok "$name-exits-1"; else not_ok "$name-exits-1" "exit $rc: $out"; fi
	expect_text "$name-names-packages" "^ +$tool +${pkgs//|/\\|}\$"
	expect_text "$name-fedora-command" "Fedora: sudo dnf install .*${pkgs%% |*}"
	expect_text "$name-arch-command" "Arch: +sudo pacman -S --needed .*${pkgs##*| }"
	expect_text "$name-says-own-kernel" 'only your own kernel runs: make run KERNEL_IMAGE=.* KDIR='
	no_apt "$name"
done

# (c) make run on a user's own kernel. The kernel is found with this
# host's PATH (ci/build-kernel.sh asks apt for its source's version).
if ! "$top/ci/build-kernel.sh" --cached "$kernel" 2>"$tmp/kernel.log"; then
	echo "# $kernel is not built and cached here (ci/build-kernel.sh $kernel): make run on the fake host not tried"
	tail -n 3 "$tmp/kernel.log" | sed 's/^/#   /'
	[ "$fail" -eq 0 ] && exit 77
	exit 1
fi
eval "$("$top/ci/build-kernel.sh" "$kernel" 2>>"$tmp/kernel.log")"
name=nonapt-$kernel
echo "# make run KERNEL_NAME=$name on $kernel's build: $KERNEL_IMAGE"

# A copy of the tree, whose build/ is its own: no results of this run
# land among those of the real runs (make report reads them all).
tree=$tmp/tree
mkdir -p "$tree"
if [ -e "$top/.git" ] && command -v git >/dev/null; then
	(cd "$top" && git ls-files -z -co --exclude-standard | xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$tree"
else
	tar -C "$top" --exclude=./build -cf - . | tar -xf - -C "$tree"
fi
if [ -z "$with_guest" ]; then
	# QEMU is a stub: it records its command line, and the run ends there.
	rm "$bin/qemu-system-x86_64"
	printf '#!/bin/sh\necho "$@" >%q\nexit 1\n' "$tmp/qemu.args" >"$bin/qemu-system-x86_64"
	chmod +x "$bin/qemu-system-x86_64"
fi
t0=$SECONDS
fake_host "$tree" make run KERNEL_IMAGE="$KERNEL_IMAGE" KDIR="$KDIR" MODULES_DIR="$MODULES_DIR" KERNEL_NAME="$name"
echo "$out" >"$tmp/make-run.log"
echo "# make run on the fake host: exit $rc after $((SECONDS - t0)) s (log: $tmp/make-run.log)"
no_apt make-run
initrd=$tree/build/initramfs/$name.cpio.gz
if [ -n "$with_guest" ]; then
	last=$(grep "^\[$name\] " <<<"$out" | tail -n 1)
	if [ "$rc" -eq 0 ] && [[ $last =~ ^\[$name\]\ passed:\ [0-9]+\ passed,\ 0\ failed,\ 0\ skipped$ ]]; then
		ok "make-run-passes ($last; results: $tree/build/results/$name/)"
	else
		not_ok make-run-passes "exit $rc, last line '$last': $(tail -n 30 <<<"$out")"
	fi
else
	args=$(cat "$tmp/qemu.args" 2>/dev/null)
	if [[ " $args " == *" -kernel $KERNEL_IMAGE -initrd $initrd "* ]]; then
		ok "make-run-reaches-the-boot"
	else
		not_ok make-run-reaches-the-boot "QEMU was $([ -n "$args" ] && echo "called with: $args" || echo "not called"): $(tail -n 30 <<<"$out")"
	fi
fi
# The initramfs: what this host's PATH would have put in it.
if [ -f "$initrd" ]; then
	mkdir -p "$tmp/host"
	"$tree/ci/testbed/mkinitramfs.sh" --kver "$KVER" --modules-dir "$MODULES_DIR" --kconfig "$KCONFIG" \
		--payload "$tree/build/payload/$name" --out "$tmp/host/initramfs.cpio.gz" >"$tmp/host/log" 2>&1 ||
		not_ok initramfs-as-on-this-host "mkinitramfs.sh with this host's PATH failed: $(cat "$tmp/host/log")"
	zcat "$initrd" | cpio -t --quiet | LC_ALL=C sort >"$tmp/fake.list"
	zcat "$tmp/host/initramfs.cpio.gz" | cpio -t --quiet | LC_ALL=C sort >"$tmp/host.list"
	if [ -s "$tmp/fake.list" ] && cmp -s "$tmp/fake.list" "$tmp/host.list"; then
		ok "initramfs-as-on-this-host ($(wc -l <"$tmp/fake.list") files$(cmp -s "$initrd" "$tmp/host/initramfs.cpio.gz" && echo ', byte for byte'))"
	else
		not_ok initramfs-as-on-this-host "the file lists differ: $(diff "$tmp/host.list" "$tmp/fake.list" | head -n 20)"
	fi
	for f in bin/busybox usr/bin/jq usr/bin/kmod usr/sbin/mke2fs usr/sbin/mkfs.xfs usr/sbin/ip usr/bin/rdma \
		etc/libibverbs.d/rxe.driver payload/gup-longterm-test payload/gup_longterm_test.ko; do
		grep -qx "$f" "$tmp/fake.list" || not_ok initramfs-holds "$f is not in it"
	done
else
	not_ok initramfs-built "no $initrd: $(tail -n 30 <<<"$out")"
fi
[ "$fail" -eq 0 ] && echo "test-non-apt-host: passed" || echo "test-non-apt-host: FAILED"
exit "$fail"
