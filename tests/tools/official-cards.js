// Expands Adaptive Card templates with Microsoft's official engine (adaptivecards-templating) and parses
// the result with the official renderer library (adaptivecards), for the C# card tests.
// stdin: [{ "template": {...}, "data": {...} | null, "card": {...} | null }]
// stdout: [{ "expanded": {...} | null, "parseEvents": ["..."] }]
// With "card" set, the card is only parsed (used for cards the C# side built).
"use strict";
const path = require("path");
const root = path.resolve(__dirname, "..", "..");
const Templating = require(path.join(root, "node_modules", "adaptivecards-templating"));
const AdaptiveCards = require(path.join(root, "node_modules", "adaptivecards", "dist", "adaptivecards.js"));

function parseEvents(card) {
  const context = new AdaptiveCards.SerializationContext();
  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`${e.phase}/${e.event}: ${e.message}`);
  }
  return events;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => (input += chunk));
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const results = cases.map(c => {
    const expanded = c.card ?? new Templating.Template(c.template).expand({ $root: c.data });
    return { expanded: c.card ? null : expanded, parseEvents: parseEvents(expanded) };
  });
  process.stdout.write(JSON.stringify(results));
});
