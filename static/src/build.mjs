// Builds static/dist/ from static/src/ and node_modules (run: npm run build).
//
// - static/dist/app.css      compiled from static/src/app.scss (GOV.UK Frontend + project styles)
// - static/dist/app.js       copied from static/src/app.js (ES module that starts GOV.UK Frontend)
// - static/dist/govuk/       govuk-frontend.min.js (+ source map) and assets/ (images, manifest;
//                            not GDS Transport, which may only be used on gov.uk)
// - static/dist/fonts/       Atkinson Hyperlegible latin, weights 400 and 700, normal and italic
// - static/dist/favicon.svg  the service's own icon (GOV.UK Frontend's favicons are the crown)
//
// Plain Node (>= 20) and the `sass` package only: no global tools.

import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const src = join(root, "static", "src");
const dist = join(root, "static", "dist");
const govukDist = join(root, "node_modules", "govuk-frontend", "dist");
const fontFiles = join(root, "node_modules", "@fontsource", "atkinson-hyperlegible", "files");

function log(message) {
  console.log(`build: ${message}`);
}

function copy(from, to) {
  if (!existsSync(from)) {
    throw new Error(`missing ${relative(root, from)}: run \`npm ci\` first`);
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

const started = Date.now();
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// (a) Sass -> compressed CSS, no source map. Warnings from govuk-frontend itself are quietened;
// warnings from our own file are still printed, and only real errors stop the build.
let result;
try {
  result = sass.compile(join(src, "app.scss"), {
    loadPaths: [govukDist],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
  });
} catch (error) {
  console.error(`build: Sass failed\n${error.message}`);
  process.exit(1);
}
writeFileSync(join(dist, "app.css"), result.css + "\n");
log(`static/dist/app.css (${(statSync(join(dist, "app.css")).size / 1024).toFixed(1)} KiB)`);

// (b) GOV.UK Frontend JavaScript and assets. The source map is copied too, because the
// minified file names it and Django's manifest storage checks that it exists.
const govuk = join(govukDist, "govuk");
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copy(join(govuk, name), join(dist, "govuk", name));
}
cpSync(join(govuk, "assets", "images"), join(dist, "govuk", "assets", "images"), { recursive: true });
copy(join(govuk, "assets", "manifest.json"), join(dist, "govuk", "assets", "manifest.json"));
log("static/dist/govuk/ (govuk-frontend.min.js, assets/images, assets/manifest.json)");

// (c) Atkinson Hyperlegible (SIL Open Font License 1.1).
let fonts = 0;
for (const weight of [400, 700]) {
  for (const style of ["normal", "italic"]) {
    for (const ext of ["woff2", "woff"]) {
      const name = `atkinson-hyperlegible-latin-${weight}-${style}.${ext}`;
      const from = join(fontFiles, name);
      if (style === "italic" && !existsSync(from)) continue;
      copy(from, join(dist, "fonts", name));
      fonts += 1;
    }
  }
}
log(`static/dist/fonts/ (${fonts} files)`);

// Our own module that starts GOV.UK Frontend.
copy(join(src, "app.js"), join(dist, "app.js"));
log("static/dist/app.js");

// The service icon: a teal tile with a white shield (no crown, no GOV.UK branding).
writeFileSync(
  join(dist, "favicon.svg"),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
    `<rect width="32" height="32" rx="6" fill="#00545f"/>` +
    `<path fill="#fff" d="M16 5l9 3.5v6.2c0 5.6-3.8 10.4-9 12.3-5.2-1.9-9-6.7-9-12.3V8.5z"/>` +
    `<path fill="#00545f" d="M14.6 19.6l-4-4 1.8-1.8 2.2 2.2 5-5 1.8 1.8z"/>` +
    `</svg>\n`,
);
log("static/dist/favicon.svg");

log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
