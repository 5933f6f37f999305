#!/usr/bin/env bash
# Prints the reliability figures: runs the reliability tests (two bot processes under load, storage cut and restored,
# duplicate deliveries, the bad-input corpus, forged card actions, authentication, organisation separation, privacy,
# a 200-message flood from one person against the rate limits, the adviser queue with 500 long-named cases)
# on Azurite and prints one table of what they measured. Exits non-zero if a test fails or a figure that must be
# zero is not. RELIABILITY_CONVERSATIONS sets the two-instance load (default here 40; CI's test run uses 12).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$(repo_root)"

ensure_npm_tools
export RELIABILITY_CONVERSATIONS=${RELIABILITY_CONVERSATIONS:-40}
rm -rf test-results/reliability
dotnet build tests/SupportBot.IntegrationTests --nologo -clp:ErrorsOnly -v:q
set +e
dotnet test tests/SupportBot.IntegrationTests --no-build --nologo \
  --filter "FullyQualifiedName~Reliability|FullyQualifiedName~ForgedAction|FullyQualifiedName~HostLifecycle|FullyQualifiedName~Privacy|FullyQualifiedName~RateLimiting|FullyQualifiedName~HealthEndpoint" \
  >test-results/reliability-tests.log 2>&1
tests=$?
set -e
grep -E "^(Passed|Failed)!" test-results/reliability-tests.log || true

node - <<'JS'
const fs = require('fs'), path = require('path');
const dir = 'test-results/reliability';
const rows = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.json')).map(f => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) : [];
// Per-forgery rows add up to one line; the rest as measured.
const merged = new Map();
for (const r of rows) {
  const name = r.name.startsWith('forged actions accepted') ? 'forged actions accepted' : r.name;
  const m = merged.get(name) ?? { name, value: 0, required: r.required, count: 0 };
  m.value += r.value; m.count += 1; merged.set(name, m);
}
const list = [...merged.values()].sort((a, b) => (a.required === null) - (b.required === null) || a.name.localeCompare(b.name));
for (const r of list) r.label = r.name === 'forged actions accepted' ? `${r.name} (${r.count} kinds tried)` : r.name;
const width = Math.max(...list.map(r => r.label.length), 10);
console.log(`\n| ${'figure'.padEnd(width)} | value | must be |`);
console.log(`|${'-'.repeat(width + 2)}|------:|--------:|`);
let bad = 0;
for (const r of list) {
  const must = r.required === null || r.required === undefined ? '' : String(r.required);
  if (must !== '' && r.value !== r.required) bad++;
  console.log(`| ${r.label.padEnd(width)} | ${String(r.value).padStart(5)} | ${must.padStart(7)} |`);
}
if (list.length === 0) { console.log('no figures were recorded'); process.exit(1); }
process.exit(bad === 0 ? 0 : 1);
JS
exit $tests
