// SPDX-License-Identifier: MIT
// The text of a PDF as pdf.js (Firefox's viewer, its find bar and what a
// screen reader in Firefox reads) extracts it: one line per text line pdf.js
// reports (hasEOL), pages separated by form feeds.
// Usage: node pdfjs-text.mjs FILE.pdf > FILE.txt
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
let out = "";
for (let p = 1; p <= doc.numPages; p++) {
	const page = await doc.getPage(p);
	const content = await page.getTextContent();
	for (const item of content.items) {
		if (!("str" in item)) continue;
		out += item.str;
		if (item.hasEOL) out += "\n";
	}
	out += "\n\f";
	page.cleanup();
}
process.stdout.write(out);
await doc.destroy();
