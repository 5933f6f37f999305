// Validates Teams app manifest and localization files offline with Microsoft's npm @microsoft/app-manifest:
// the JSON schema of the version named in each file's $schema, as shipped inside that package, and its
// AppManifestUtils.validateAgainstSchema (ajv). Reads a JSON array of file paths on stdin; writes
// [{ file, schemaFile, errors }] on stdout. Never fetches a schema from the network.
//
// One exception: the localization schemas contain a pattern ("...\b]\.description$") that JavaScript
// rejects in unicode mode, so the package's validator throws on them. Those are compiled with the same
// validator and options the package uses (ajv draft-04, allErrors, formats uri/email/regex), but with
// unicodeRegExp off; every other rule of the schema still applies.
"use strict";
const fs = require("fs");
const path = require("path");
const { AppManifestUtils } = require("@microsoft/app-manifest");

const packageRoot = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));

async function validate(file) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const url = json.$schema;
  const match = /\/json-schemas\/(teams\/[^/]+\/[^/]+\.json)$/.exec(url || "");
  if (!match) throw new Error(`${file}: $schema '${url}' is not a Teams schema URL`);
  const schemaFile = path.join(packageRoot, "build", "json-schemas", match[1]);
  if (!fs.existsSync(schemaFile)) throw new Error(`${file}: @microsoft/app-manifest ships no ${match[1]}`);
  // fetchSchema reads the shipped file (it exists, checked above) and applies the package's own regex fixes.
  const schema = await AppManifestUtils.fetchSchema(url);
  const errors = /Localization\.schema\.json$/.test(schemaFile)
    ? validateWithoutUnicodeRegExp(json, schema)
    : await AppManifestUtils.validateAgainstSchema(json, schema);
  return { file, schemaFile, errors };
}

function validateWithoutUnicodeRegExp(json, schema) {
  const fromPackage = (name) => require(require.resolve(name, { paths: [packageRoot] }));
  const Ajv04 = fromPackage("ajv-draft-04");
  const addFormats = fromPackage("ajv-formats");
  const ajv = new (Ajv04.default || Ajv04)({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  (addFormats.default || addFormats)(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema);
  return validate(json) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message || ""}. Details: ${JSON.stringify(e.params)}`);
}

(async () => {
  const files = JSON.parse(fs.readFileSync(0, "utf8"));
  const results = [];
  for (const file of files) results.push(await validate(file));
  process.stdout.write(JSON.stringify(results));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(1);
});
