'use strict';
// Writes the same 1,000-module graph twice into DIR: as ES modules
// (DIR/esm/main.mjs) and as CommonJS (DIR/cjs/main.cjs). Each module imports
// two others (a tree) and a shared helper, and defines a few functions, a
// class and constants, so loading costs what real module code costs.
const fs = require('fs');
const path = require('path');

const N = 1000;
const dir = process.argv[2];
if (!dir) {
  console.error('usage: esm-graph.js DIR');
  process.exit(2);
}

function body(i, ref) {
  return `
export const id = ${i};
export let calls = 0;
export const table = [${Array.from({ length: 8 }, (_, k) => i * 8 + k).join(', ')}];

export function compute(x) {
  calls++;
  let total = x + id;
  for (const v of table) total = (total * 31 + v) % 1000003;
  return ${ref('helper')}.mix(total, id);
}

export class Node${i} {
  constructor(value) {
    this.value = value;
    this.label = \`node \${id}: \${value}\`;
  }

  get doubled() {
    return this.value * 2;
  }

  toString() {
    return this.label;
  }
}

export default function sum(depth) {
  let s = compute(depth);
  ${ref('children')}
  return s;
}
`;
}

function write(kind) {
  const out = path.join(dir, kind);
  fs.mkdirSync(out, { recursive: true });
  const ext = kind === 'esm' ? 'mjs' : 'cjs';
  for (let i = 0; i < N; i++) {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < N);
    let src;
    if (kind === 'esm') {
      src = "import * as helper from './helper.mjs';\n" +
        kids.map((k) => `import sum${k}, { id as id${k} } from './m${k}.mjs';\n`).join('') +
        body(i, (what) => what === 'helper' ? 'helper' :
          kids.map((k) => `s += sum${k}(depth + 1) + id${k};`).join(' '));
    } else {
      src = "'use strict';\nconst helper = require('./helper.cjs');\n" +
        kids.map((k) => `const m${k} = require('./m${k}.cjs');\n`).join('') +
        body(i, (what) => what === 'helper' ? 'helper' :
          kids.map((k) => `s += m${k}.default(depth + 1) + m${k}.id;`).join(' '))
          .replace(/^export default function /m, 'function ')
          .replace(/^export let /m, 'let ')
          .replace(/^export (const|function|class) /gm, '$1 ') +
        `module.exports = { id, get calls() { return calls; }, table, compute, Node${i}, default: sum };\n`;
    }
    fs.writeFileSync(path.join(out, `m${i}.${ext}`), src);
  }
  const helper = 'export function mix(a, b) {\n  return (a ^ (b << 3)) >>> 0;\n}\n';
  fs.writeFileSync(path.join(out, `helper.${ext}`), kind === 'esm' ? helper :
    `${helper.replace('export ', '')}module.exports = { mix };\n`);
  const main = kind === 'esm' ?
    "import sum from './m0.mjs';\nif (typeof sum(0) !== 'number') throw new Error('bad graph');\n" :
    "const m0 = require('./m0.cjs');\nif (typeof m0.default(0) !== 'number') throw new Error('bad graph');\n";
  fs.writeFileSync(path.join(out, `main.${ext}`), main);
}

write('esm');
write('cjs');
