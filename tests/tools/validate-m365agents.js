// Checks the Microsoft 365 Agents Toolkit project offline, with the toolkit's own code from node_modules
// (@microsoft/m365agentstoolkit-cli, whose core library parses the project for `atk provision`/`atk deploy`):
//   1. m365agents.yml and m365agents.local.yml pass the toolkit's YAML schema for their version;
//   2. every action ("uses") resolves to a toolkit driver;
//   3. every ${{VAR}} is declared in the environment's template (env/.env.<env>), written by an earlier action,
//      an output of infra/main.bicep (the toolkit upper-cases output names), or a SECRET_ kept in .env.<env>.user;
//   4. the files the actions use exist, and infra/main.parameters.json sets only parameters infra/main.bicep declares.
// Prints one line per problem and exits 1 if there is any. What it cannot check (sign-in, Azure, Teams Developer
// Portal, the dev tunnel) is listed in the README.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const core = path.join(root, "node_modules", "@microsoft", "teamsfx-core", "build", "component", "configManager");
const { yamlParser } = require(path.join(core, "parser.js"));
const { Validator } = require(path.join(core, "validator.js"));
// Importing the drivers registers them under their "uses" names, as the CLI does before it runs a stage.
require(path.join(root, "node_modules", "@microsoft", "teamsfx-core", "build", "component", "driver", "index.js"));
const jsYaml = require(path.join(root, "node_modules", "js-yaml"));

const projects = [
  { file: "m365agents.yml", env: "dev" },
  { file: "m365agents.local.yml", env: "local" },
];
const silentLog = { info() {}, warning() {}, error() {}, debug() {}, verbose() {}, log() {}, trace() {}, fatal() {} };
const problems = [];

function envKeys(file) {
  if (!fs.existsSync(file)) {
    problems.push(`${path.relative(root, file)} is missing`);
    return new Set();
  }
  return new Set(fs.readFileSync(file, "utf8").split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && line.includes("="))
    .map((line) => line.slice(0, line.indexOf("=")).trim()));
}

const bicep = fs.readFileSync(path.join(root, "infra", "main.bicep"), "utf8");
const bicepOutputs = new Set([...bicep.matchAll(/^output\s+(\w+)/gm)].map((m) => m[1].toUpperCase()));
const bicepParams = new Set([...bicep.matchAll(/^param\s+(\w+)/gm)].map((m) => m[1]));

(async () => {
  const validator = new Validator();
  for (const { file, env } of projects) {
    const full = path.join(root, file);
    const parsed = await yamlParser.parse(full, true);
    if (parsed.isErr()) {
      const raw = jsYaml.load(fs.readFileSync(full, "utf8"));
      problems.push(`${file}: ${parsed.error.message}`);
      if (raw && raw.version && validator.isVersionSupported(raw.version)) {
        const check = validator.impl.get(raw.version).validator;
        check(raw);
        for (const e of check.errors || []) problems.push(`${file}: ${e.instancePath} ${e.message}`);
      }
      continue;
    }

    const model = parsed.value;
    const declared = envKeys(path.join(root, model.environmentFolderPath || "env", `.env.${env}`));
    const raw = jsYaml.load(fs.readFileSync(full, "utf8"));
    const written = new Set();
    for (const stage of ["provision", "deploy", "publish"]) {
      for (const action of raw[stage] || []) {
        for (const name of Object.values(action.writeToEnvironmentFile || {})) written.add(name);
        for (const template of (action.with && action.with.templates) || []) {
          for (const p of [template.path, template.parameters].filter(Boolean)) {
            if (!fs.existsSync(path.join(root, p))) problems.push(`${file}: ${stage}: ${p} does not exist`);
          }
          if (template.parameters) {
            const params = JSON.parse(fs.readFileSync(path.join(root, template.parameters), "utf8")).parameters || {};
            for (const name of Object.keys(params)) {
              if (!bicepParams.has(name)) problems.push(`${template.parameters}: ${name} is not a parameter of ${template.path}`);
            }
            for (const m of fs.readFileSync(path.join(root, template.parameters), "utf8").matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)) {
              if (!declared.has(m[1]) && !written.has(m[1])) problems.push(`${template.parameters}: \${{${m[1]}}} is neither in env/.env.${env} nor written before ${template.path} is deployed`);
            }
          }
        }
        if (action.uses === "script") {
          const script = action.with.run.trim().split(/\s+/)[0];
          if (script.startsWith("./") && !fs.existsSync(path.join(root, script))) problems.push(`${file}: ${stage}: ${script} does not exist`);
        }
      }
      const lifecycle = model[stage];
      if (!lifecycle) continue;
      const drivers = lifecycle.resolveDriverInstances(silentLog);
      if (drivers.isErr()) problems.push(`${file}: ${stage}: ${drivers.error.message}`);
      for (const name of lifecycle.resolvePlaceholders()) {
        const known = declared.has(name) || written.has(name) || bicepOutputs.has(name) || name.startsWith("SECRET_");
        if (!known) problems.push(`${file}: ${stage}: \${{${name}}} is not declared in env/.env.${env}, written by an action, or an output of infra/main.bicep`);
      }
    }
    console.log(`${file}: toolkit schema ${model.version} ok, ${["provision", "deploy", "publish"].filter((s) => model[s]).map((s) => `${s} ${model[s].driverDefs.length} actions`).join(", ")}`);
  }

  for (const p of new Set(problems)) console.error(p);
  process.exit(problems.length ? 1 : 0);
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
