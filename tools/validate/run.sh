#!/bin/sh
# Build every HTML the project ships (the brief from FACTS in each of its locales, and each example
# under examples/) into a temporary folder, then check them all with tools/validate/validate.mjs.
# Run by `make validate`, which installs Chromium, Java and the pinned npm packages first.
set -eu
cd "$(dirname "$0")/../.."
repo=$(pwd)
briefing=${BRIEFING:-.venv/bin/briefing}
facts=${FACTS:-facts.yaml}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$briefing" build --quiet --format html --facts "$facts" --out "$out/brief"
for example in examples/*/facts.yaml; do
  name=$(basename "$(dirname "$example")")
  "$briefing" build --quiet --format html --facts "$example" --out "$out/examples/$name"
done
# Paths in the report are relative to the temporary folder: brief/brief.en.html, examples/NAME/brief.fr.html.
cd "$out"
node "$repo/tools/validate/validate.mjs" brief/*.html examples/*/*.html
