// SPDX-License-Identifier: MIT
// typst-pdf.js IN.typ OUT.pdf: compile a Typst document to PDF with Typst
// 0.14 as the typst.ts node compiler embeds it, for the side-by-side
// figures of bench/README.md ("Typst"). Not a dependency of planpress:
// install it in a scratch folder and run it from there:
//   npm install @myriaddreamin/typst-ts-node-compiler@0.7.0
//   /usr/bin/time -f '%e s %U+%S CPU %M KB' node typst-pdf.js report.typ report.pdf
const fs = require('fs');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const [src, out] = process.argv.slice(2);
const c = NodeCompiler.create({
	fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/liberation'] }],
});
fs.writeFileSync(out, c.pdf({ mainFileContent: fs.readFileSync(src, 'utf8') }));
