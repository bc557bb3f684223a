# startup-archive.sh: sourced by berth's launchers. Most of a short berth command's time is the JVM
# loading, verifying and linking the same few thousand classes (picocli, OkHttp and Kotlin's library,
# Jackson, berth). A class-data archive holds them ready to map: AppCDS (-XX:SharedArchiveFile) on
# Java 17-23, the AOT cache (-XX:AOTCache, JEP 483/514) on Java 24 and later. The archive is recorded
# once per JDK, jar and flag set, from a training run of berth's common commands against a loopback
# registry (dev.berth.cli.training.StartupTraining), into ${XDG_CACHE_HOME:-~/.cache}/berth. When
# anything goes wrong (no writable cache, a JVM that refuses the archive) berth runs without it, and
# says nothing: the archive only changes how fast berth starts. BERTH_STARTUP_ARCHIVE=0 turns it off.

# startup_archive_flags JAR JAVA_FLAGS...: sets the array startup_archive to the flags that use the
# archive for the `java` on PATH, recording it first when there is none yet.
startup_archive_flags() {
  startup_archive=()
  [ "${BERTH_STARTUP_ARCHIVE:-1}" = 0 ] && return 0
  local jar="$1"
  shift
  local java_bin real home feature key dir archive kind
  java_bin="$(command -v java)" || return 0
  real="$(readlink -f "$java_bin")" || return 0
  home="${real%/bin/java}"
  [ -f "$home/release" ] || return 0
  feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")"
  case "$feature" in ''|*[!0-9]*) return 0 ;; esac
  [ "$feature" -ge 17 ] || return 0
  # The JVM refuses an archive made by another JDK build, from another jar, or with other flags; the
  # key keeps one archive per such combination instead of recording over and over.
  key="$( { echo "$real"; cat "$home/release"; stat -c '%s %Y' "$jar"; printf '%s\n' "$@"; } | cksum | cut -d' ' -f1)"
  dir="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/berth"
  if [ "$feature" -ge 24 ]; then kind=aot; else kind=jsa; fi
  archive="$dir/berth-java$feature-$key.$kind"
  if [ ! -s "$archive" ] && [ ! -e "$archive.refused" ]; then
    mkdir -p "$dir" 2>/dev/null || return 0
    startup_archive_record "$jar" "$archive" "$kind" "$feature" "$@" || { : >"$archive.refused"; } 2>/dev/null
  fi
  [ -s "$archive" ] || return 0
  if [ "$kind" = aot ]; then
    # -Xlog off for what the JVM prints when it cannot use the cache (it then runs without it).
    startup_archive=(-XX:AOTCache="$archive" -Xlog:cds=off)
    [ "$feature" -ge 25 ] && startup_archive+=(-Xlog:aot=off)
  else
    startup_archive=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}

# startup_archive_record JAR ARCHIVE KIND FEATURE JAVA_FLAGS...: one training run, recorded; the archive
# appears under its name only when complete, so a concurrent berth never maps half a file.
startup_archive_record() {
  local jar="$1" archive="$2" kind="$3" feature="$4"
  shift 4
  local tmp="$archive.$$.tmp" ok=1
  [ -t 2 ] && echo "berth: recording a start-up archive for Java $feature (once) in ${archive%/*} ..." >&2
  if [ "$kind" = aot ]; then
    java "$@" -XX:AOTMode=record -XX:AOTConfiguration="$tmp.conf" -cp "$jar" \
        dev.berth.cli.training.StartupTraining >/dev/null 2>&1 \
      && java "$@" -XX:AOTMode=create -XX:AOTConfiguration="$tmp.conf" -XX:AOTCache="$tmp" -cp "$jar" \
        >/dev/null 2>&1 || ok=0
    rm -f "$tmp.conf"
  else
    java "$@" -XX:ArchiveClassesAtExit="$tmp" -cp "$jar" dev.berth.cli.training.StartupTraining \
        >/dev/null 2>&1 || ok=0
  fi
  if [ "$ok" = 1 ] && [ -s "$tmp" ] && mv -f "$tmp" "$archive"; then
    # Archives of earlier builds of the jar can never be used again.
    find "${archive%/*}" -maxdepth 1 -name 'berth-java*' ! -newer "$jar" -exec rm -f {} + 2>/dev/null
    return 0
  fi
  rm -f "$tmp"
  return 1
}
