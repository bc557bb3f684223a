#!/usr/bin/env bash
# The steps of berth's GitHub Action (action.yml runs each as `run.sh STEP`). They live here, not inline
# in action.yml, so that a test can run them in a runner-like environment (ActionStepsIT).
#
#   java     is a JDK 17+ on the runner?                      -> found=true|false
#   prepare  which berth: version, cache key, install dir      -> version, key, dir, source
#   install  the CLI distribution into dir: the release asset for the version, else built from the
#            action's own checkout (GITHUB_ACTION_PATH)
#   run      berth with the args input; the token reaches only berth (a `berth login` into a temporary
#            docker config) and is masked; digest and reference go to GITHUB_OUTPUT
set -euo pipefail

root="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set (run.sh runs inside the berth action)}"

output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }
fail() { echo "berth action: $*" >&2; exit 1; }

java_major() {
  local java="java"
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
  command -v "$java" >/dev/null 2>&1 || return 1
  "$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

step_java() {
  local major
  major="$(java_major || true)"
  if [ -n "$major" ] && [ "$major" -ge 17 ]; then
    echo "Java $major found; no JDK setup needed"
    output found true
  else
    echo "no Java 17+ found${major:+ (found $major)}; setting one up"
    output found false
  fi
}

# What the CLI distribution is built from (as the ./berth launcher counts it).
source_roots=("$root/pom.xml" "$root"/*/pom.xml "$root/auth/src/main" "$root/core/src/main"
  "$root/artifacts/src/main" "$root/cli/src/main" "$root/dist/src/main" "$root/dist/src/bin"
  "$root/dist/src/assembly")

sources() {
  find "${source_roots[@]}" -type f 2>/dev/null | LC_ALL=C sort
}

step_prepare() {
  local version="${BERTH_VERSION_INPUT-}"
  if [ -z "$version" ]; then
    # The root POM's own version: the first <version> after its <artifactId>berth-parent</artifactId>.
    version="$(sed -n '/<artifactId>berth-parent<\/artifactId>/,/<\/version>/s/.*<version>\(.*\)<\/version>.*/\1/p' \
      "$root/pom.xml" | head -n 1)"
  fi
  [[ "$version" =~ ^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$ ]] || fail "not a berth version: '$version'"
  local source key
  if [[ "$version" == *-SNAPSHOT ]]; then
    source=checkout
    # A snapshot is whatever the checkout holds: key the cache on its sources, not just the version.
    key="berth-$version-$(sources | xargs -d '\n' cat | sha256sum | cut -c1-16)"
  else
    source=release
    key="berth-$version"
  fi
  local base="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?RUNNER_TEMP is not set}}"
  output version "$version"
  output source "$source"
  output key "$key-${RUNNER_OS:-Linux}"
  output dir "$base/berth/$key"
}

# Unpacks a distribution archive into $dir; the archive's single top directory (berth-VERSION/) is dropped.
unpack() {
  local archive="$1" dir="$2" tmp
  tmp="$(mktemp -d "${RUNNER_TEMP:-/tmp}/berth-unpack.XXXXXX")"
  # GNU tar refuses absolute names and '..' members; ownership is not taken from the archive.
  tar -xzf "$archive" -C "$tmp" --no-same-owner
  local home
  home="$(dirname "$(dirname "$(find "$tmp" -maxdepth 3 -path '*/bin/berth' -type f | head -n 1)")")"
  [ -x "$home/bin/berth" ] || { rm -rf "$tmp"; fail "$archive holds no bin/berth"; }
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir"
  mv "$home" "$dir"
  rm -rf "$tmp"
}

newer_than_sources() {
  local artifact="$1"
  [ -f "$artifact" ] && [ -z "$(find "${source_roots[@]}" -newer "$artifact" -print -quit 2>/dev/null)" ]
}

# The dist module's archive, built unless the checkout already holds one newer than its sources.
build_from_checkout() {
  local version="$1" dir="$2" archive="$root/dist/target/berth-$1.tar.gz"
  if ! newer_than_sources "$archive"; then
    command -v mvn >/dev/null 2>&1 || fail "Maven (mvn) is needed to build berth $version from the action's checkout"
    echo "building berth $version from the action's checkout (a few minutes the first time; cached after)"
    local log
    log="$(mktemp "${RUNNER_TEMP:-/tmp}/berth-build.XXXXXX")"
    if ! (cd "$root" && mvn -B -q -DskipTests package -pl dist -am) >"$log" 2>&1; then
      cat "$log" >&2
      fail "building berth from the action's checkout failed (above)"
    fi
    [ -f "$archive" ] || fail "the build made no $archive"
  fi
  unpack "$archive" "$dir"
}

step_install() {
  local version="${BERTH_VERSION:?}" source="${BERTH_SOURCE:?}" dir="${BERTH_DIR:?}"
  if [ -x "$dir/bin/berth" ]; then
    echo "berth $version is already installed in $dir"
    return
  fi
  if [ "$source" = release ]; then
    local url archive
    # Composite actions do not always see GITHUB_ACTION_REPOSITORY; berth's own repository is the default.
    url="${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_ACTION_REPOSITORY:-berth-dev/berth}/releases/download/v$version/berth-$version.tar.gz"
    archive="$(mktemp "${RUNNER_TEMP:-/tmp}/berth-dist.XXXXXX")"
    if curl -fsSL --retry 3 --connect-timeout 20 --max-time 300 -o "$archive" "$url"; then
      unpack "$archive" "$dir"
      rm -f "$archive"
    else
      rm -f "$archive"
      echo "no release asset berth-$version.tar.gz for v$version; building from the action's checkout"
      build_from_checkout "$version" "$dir"
    fi
  else
    build_from_checkout "$version" "$dir"
  fi
  "$dir/bin/berth" --version
}

step_run() {
  local dir="${BERTH_DIR:?}" berth
  berth="$dir/bin/berth"
  [ -x "$berth" ] || fail "berth is not installed in $dir"
  [ -n "${BERTH_ARGS//[[:space:]]/}" ] || fail "the args input is empty: give a berth command, such as 'push REF FILE'"
  # Global, not local: the EXIT trap that removes it runs after this function has returned.
  work="$(mktemp -d "${RUNNER_TEMP:?RUNNER_TEMP is not set}/berth-run.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # Split args as a shell splits words and quotes, without expanding anything: no eval, so text from
  # an event (a branch name, a title) cannot run commands.
  printf '%s' "$BERTH_ARGS" | xargs printf '%s\0' >"$work/argv" \
    || fail "the args input could not be split into words (an unmatched quote?)"
  local argv=()
  mapfile -d '' -t argv <"$work/argv"
  local global=()
  if [ "${BERTH_PLAIN_HTTP:-false}" = true ]; then global+=(--plain-http); fi
  if [ -n "${BERTH_TOKEN-}" ]; then
    echo "::add-mask::$BERTH_TOKEN"
    local user="${BERTH_USERNAME:-${GITHUB_ACTOR-}}"
    [ -n "$user" ] || fail "no user for $BERTH_REGISTRY: set the username input (GITHUB_ACTOR is not set)"
    # Credentials live in a docker config of this step alone (a copy of any earlier login's), deleted
    # when the step ends; the token reaches berth on stdin, never in its environment or command line.
    local existing="${DOCKER_CONFIG:-$HOME/.docker}/config.json"
    mkdir -p "$work/docker"
    if [ -f "$existing" ]; then cp "$existing" "$work/docker/config.json"; fi
    export DOCKER_CONFIG="$work/docker"
    printf '%s\n' "$BERTH_TOKEN" | env -u BERTH_TOKEN "$berth" "${global[@]}" login "${BERTH_REGISTRY:?}" \
      -u "$user" --password-stdin
  fi
  unset BERTH_TOKEN

  # stdout (results) to a file, stderr (progress, notes) to the log as it comes and to a file.
  local status=0
  { "$berth" "${global[@]}" "${argv[@]}" 2>&1 1>&3 3>&- | tee "$work/stderr" >&2; } 3>"$work/stdout" || status=$?
  cat "$work/stdout"
  [ "$status" -eq 0 ] || exit "$status"

  local digest reference
  digest="$(grep -E '^sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$' "$work/stdout" | tail -n 1 || true)"
  reference="$(sed -n 's/^pushed \([A-Za-z0-9._:/@+-]*\)$/\1/p' "$work/stderr" | tail -n 1)"
  if [ -n "$digest" ]; then output digest "$digest"; fi
  if [ -n "$reference" ]; then output reference "$reference"; fi
}

case "${1-}" in
  java) step_java ;;
  prepare) step_prepare ;;
  install) step_install ;;
  run) step_run ;;
  *) fail "unknown step '${1-}' (java, prepare, install, run)" ;;
esac
