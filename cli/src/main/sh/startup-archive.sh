# shellcheck shell=sh
# startup-archive.sh: sourced by berth's launchers (the repository's ./berth and the distribution's
# bin/berth; POSIX sh). Most of a short berth command's time is the JVM loading, verifying and linking
# the same few thousand classes (picocli, OkHttp and Kotlin's library, Jackson, berth). A class-data
# archive holds them ready to map: AppCDS (-XX:SharedArchiveFile) on Java 17-23, the AOT cache
# (-XX:AOTCache, JEP 483/514) on Java 24 and later. The archive is recorded once per JDK build, set of
# jars and JVM flags, from a training run of berth's common commands against an in-memory loopback
# registry (dev.berth.cli.training.StartupTraining), into ${XDG_CACHE_HOME:-~/.cache}/berth. When
# anything goes wrong (no writable cache, a JVM that refuses the archive) berth runs without it and
# says nothing: the archive only changes how fast berth starts. BERTH_STARTUP_ARCHIVE=0 turns it off.

# berth_startup_archive JAVA CLASSPATH STAMP JVM_FLAGS NEWEST_JAR: prints the JVM flags that use the
# archive for JAVA (nothing when there is none), recording it first when there is none yet. STAMP is
# text that changes whenever the jars do (their sizes and times); JVM_FLAGS the other flags, one string.
berth_startup_archive() {
  [ "${BERTH_STARTUP_ARCHIVE:-1}" = 0 ] && return 0
  _ba_java=$1 _ba_cp=$2 _ba_stamp=$3 _ba_flags=$4 _ba_newest=$5
  _ba_real=$(readlink -f "$_ba_java" 2>/dev/null) || return 0
  _ba_home=${_ba_real%/bin/java}
  [ -f "$_ba_home/release" ] || return 0
  _ba_feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$_ba_home/release")
  case $_ba_feature in '' | *[!0-9]*) return 0 ;; esac
  [ "$_ba_feature" -ge 17 ] || return 0
  _ba_dir=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/berth
  # The flags are split into words by the launcher; a path with blanks would not survive that.
  case $_ba_dir$_ba_cp in *[[:space:]]*) return 0 ;; esac
  # The JVM refuses an archive made by another JDK build, from other jars or with other flags; the key
  # keeps one archive per such combination instead of recording again and again.
  _ba_key=$( { echo "$_ba_real"; cat "$_ba_home/release"; echo "$_ba_stamp"; echo "$_ba_flags"; } | cksum | cut -d' ' -f1)
  if [ "$_ba_feature" -ge 24 ]; then _ba_kind=aot; else _ba_kind=jsa; fi
  _ba_archive=$_ba_dir/berth-java$_ba_feature-$_ba_key.$_ba_kind
  if [ ! -s "$_ba_archive" ] && [ ! -e "$_ba_archive.refused" ]; then
    mkdir -p "$_ba_dir" 2>/dev/null || return 0
    berth_startup_archive_record || : >"$_ba_archive.refused" 2>/dev/null || :
  fi
  [ -s "$_ba_archive" ] || return 0
  # The -Xlog settings silence what the JVM says when it cannot use the archive (it then runs without).
  if [ "$_ba_kind" = aot ]; then
    printf '%s' "-XX:AOTCache=$_ba_archive -Xlog:cds=off"
    [ "$_ba_feature" -ge 25 ] && printf '%s' " -Xlog:aot=off"
    echo
  else
    echo "-XX:SharedArchiveFile=$_ba_archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# One training run, recorded; the archive appears under its name only when complete, so a concurrent
# berth never maps half a file.
berth_startup_archive_record() {
  _ba_tmp=$_ba_archive.$$.tmp
  [ -t 2 ] && echo "berth: recording a start-up archive for Java $_ba_feature (once) in $_ba_dir ..." >&2
  _ba_ok=1
  # shellcheck disable=SC2086 # the flags are several words
  if [ "$_ba_kind" = aot ]; then
    "$_ba_java" $_ba_flags -XX:AOTMode=record -XX:AOTConfiguration="$_ba_tmp.conf" -cp "$_ba_cp" \
        dev.berth.cli.training.StartupTraining >/dev/null 2>&1 \
      && "$_ba_java" $_ba_flags -XX:AOTMode=create -XX:AOTConfiguration="$_ba_tmp.conf" -XX:AOTCache="$_ba_tmp" \
        -cp "$_ba_cp" >/dev/null 2>&1 || _ba_ok=0
    rm -f "$_ba_tmp.conf"
  else
    "$_ba_java" $_ba_flags -XX:ArchiveClassesAtExit="$_ba_tmp" -cp "$_ba_cp" \
        dev.berth.cli.training.StartupTraining >/dev/null 2>&1 || _ba_ok=0
  fi
  if [ "$_ba_ok" = 1 ] && [ -s "$_ba_tmp" ] && mv -f "$_ba_tmp" "$_ba_archive"; then
    # Archives recorded before these jars were built belong to jars that are gone.
    find "$_ba_dir" -maxdepth 1 -name 'berth-java*' ! -newer "$_ba_newest" -exec rm -f {} + 2>/dev/null || :
    return 0
  fi
  rm -f "$_ba_tmp"
  return 1
}
