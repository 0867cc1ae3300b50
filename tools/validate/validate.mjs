#!/usr/bin/env node
// Checks built HTML briefs with two validators nobody here wrote, and fails on any finding:
//   - axe-core in Debian's Chromium (driven by playwright-core), with the WCAG 2.0/2.1/2.2 A and AA
//     rules and axe's best practices (landmarks, headings): zero violations;
//   - the Nu HTML Checker (vnu.jar, run with the system's Java): zero errors.
// Usage: node validate.mjs FILE.html...   Exit 0 when every file is clean, 1 on findings, 2 on misuse.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar'));  // the package exports the jar's path

// WCAG 2.2 AA is the sum of these tags; 'best-practice' adds axe's default landmark and heading rules.
// Rules axe keeps off by default (target-size, 2.5.8) run too, because runOnly names their tag.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

// The brief's one stylesheet serves the screen and the PDF (WeasyPrint). The Nu checker knows CSS 2.1
// and 3 but not CSS Generated Content for Paged Media, whose features make the PDF's running headers,
// footers and bookmarks. Only its messages about those named features are set aside, each for that
// reason; any other CSS or markup error still fails.
const PAGED_MEDIA = [
  { pattern: /^CSS: “string-set”: Property “string-set” doesn't exist\.$/, feature: 'string-set (running headers)' },
  { pattern: /^CSS: “bookmark-(level|label|state)”: Property “bookmark-\1” doesn't exist\.$/, feature: 'bookmark-* (PDF outline)' },
  { pattern: /^CSS: “content”: “(string|element)\([^)]*\)” is not a “content” value\.$/, feature: 'string()/element() in page margin boxes' },
  { pattern: /^CSS: “position”: “running\([^)]*\)” is not a “position” value\.$/, feature: 'position: running() (running elements)' },
];

function fail(message) {
  console.error(`validate: ${message}`);
  process.exit(2);
}

async function runAxe(files) {
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (run tools/validate-deps.sh)`);
  // The flags keep Chromium off the network (this machine has none) and out of any profile.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const findings = new Map();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    for (const file of files) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
      await page.addScriptTag({ path: AXE_SOURCE });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS);
      findings.set(file, result.violations.flatMap((rule) => rule.nodes.map((node) => (
        `axe [${rule.id}] (${rule.impact}) ${rule.help}: ${node.target.join(' ')}\n      ${node.failureSummary.replace(/\n/g, '\n      ')}`))));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return findings;
}

function runNu(files) {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) fail('no Java runtime on PATH (run tools/validate-deps.sh)');
  const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error || !run.stdout) fail(`the Nu HTML Checker did not run: ${run.error || run.stderr}`);
  const findings = new Map(files.map((file) => [file, []]));
  const setAside = new Map();
  for (const message of JSON.parse(run.stdout).messages) {
    if (message.type !== 'error' && message.type !== 'non-document-error') continue;
    const file = files.find((name) => message.url === pathToFileURL(path.resolve(name)).href) || files[0];
    const known = PAGED_MEDIA.find((entry) => entry.pattern.test(message.message));
    if (known) {
      setAside.set(known.feature, (setAside.get(known.feature) || 0) + 1);
      continue;
    }
    findings.get(file).push(`nu ${message.lastLine ?? '?'}:${message.firstColumn ?? message.lastColumn ?? '?'}: ${message.message}`);
  }
  return { findings, setAside };
}

const files = process.argv.slice(2);
if (files.length === 0) fail('usage: node validate.mjs FILE.html...');
for (const file of files) if (!existsSync(file)) fail(`no such file: ${file}`);

const axe = await runAxe(files);
const nu = runNu(files);
let total = 0;
for (const file of files) {
  const problems = [...axe.get(file), ...nu.findings.get(file)];
  total += problems.length;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${file}${problems.length ? ` (${problems.length})` : ''}`);
  for (const problem of problems) console.log(`    ${problem}`);
}
for (const [feature, count] of nu.setAside) {
  console.log(`note: ${count} Nu message(s) about paged-media CSS set aside: ${feature}`);
}
const failed = files.filter((file) => axe.get(file).length + nu.findings.get(file).length > 0).length;
console.log(`${files.length} file(s) checked with axe-core (${AXE_TAGS.join(', ')}) and the Nu HTML Checker: ` +
  `${total} problem(s)`);
// The last line in the plain form CI reads: one file is one check.
console.log(`validate: ${files.length - failed} passed, ${failed} failed`);
process.exit(total ? 1 : 0);
