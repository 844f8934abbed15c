'use strict';
// Writes an app of 10,000 small files (100 folders of 100 modules, ~1 KB
// each) to argv[2], for timing `anode pack` (make bench).
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'package.json'),
  JSON.stringify({ name: 'many', version: '1.0.0', main: 'main.js' }));
fs.writeFileSync(path.join(dir, 'main.js'), 'console.log("many");\n');
const body = `// ${'x'.repeat(1000)}\nmodule.exports = 1;\n`;
let n = 2; // main.js and package.json
for (let d = 0; d < 100; d++) {
  const sub = path.join(dir, 'lib', `d${d}`);
  fs.mkdirSync(sub, { recursive: true });
  for (let f = 0; f < 100 && n < 10000; f++, n++) fs.writeFileSync(path.join(sub, `m${f}.js`), body);
}
console.log(`${n} files in ${dir}`);
