/**
 * Comments and docs cite the project's own docs as `docs/<name>.md §N`: every cited file must
 * exist in docs/ and every cited § must be a heading of it, so a citation never points at nothing
 * (a renumbered section fails here). Nothing may point outside the clone to a shared docs folder.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const SCANNED = ['src', 'tests', 'bench', 'scripts', 'bin', 'docs', '.ci', '.github'];
const TOP_FILES = ['README.md', 'SECURITY.md', 'eslint.config.mjs', 'package.json', 'electron-builder.yml'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results', 'results']);
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|md|sh|py|json|ya?ml)$|^run$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : walk(path);
    return TEXT.test(entry.name) ? [path] : [];
  });
}

const files = [
  ...SCANNED.map((d) => join(root, d)).filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory()),
].flatMap(walk);
files.push(...TOP_FILES.map((f) => join(root, f)));

interface Citation {
  file: string;
  line: number;
  doc: string;
  sections: string[];
}

/** A docs path (`docs/` + name + `.md`), optionally followed by `§2.2`, `§5.2, §8`, `§1 to §3`. */
const CITATION = /docs\/([\w-]+\.md)((?:(?:\s*,|\s+to|\s+and)?\s*§\d+(?:\.\d+)*)*)/g;

function citations(): Citation[] {
  const found: Citation[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const m of text.matchAll(CITATION)) {
          const sections = [...m[2].matchAll(/§(\d+(?:\.\d+)*)/g)].map((s) => s[1]);
          found.push({ file: relative(root, file), line: index + 1, doc: m[1], sections });
        }
      });
  }
  return found;
}

/** The section numbers of a doc's headings: `## 2. Title` -> 2, `### 2.2 Title` -> 2.2. */
function headings(doc: string): Set<string> {
  const text = readFileSync(join(root, 'docs', doc), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1]));
}

describe('citations of docs/', () => {
  const all = citations();
  const docs = new Set(readdirSync(join(root, 'docs')));

  it('finds the citations the code makes (the scan itself works)', () => {
    expect(all.some((c) => c.doc === 'metadata-spec.md' && c.sections.includes('2.2'))).toBe(true);
    expect(all.some((c) => c.file === 'eslint.config.mjs' && c.doc === 'architecture.md')).toBe(true);
  });

  it('every cited doc exists in docs/', () => {
    const missing = all.filter((c) => !docs.has(c.doc)).map((c) => `${c.file}:${c.line} cites docs/${c.doc}`);
    expect(missing).toEqual([]);
  });

  it('every cited § is a heading of its doc', () => {
    const missing = all
      .filter((c) => docs.has(c.doc))
      .flatMap((c) => {
        const known = headings(c.doc);
        return c.sections.filter((s) => !known.has(s)).map((s) => `${c.file}:${c.line} cites docs/${c.doc} §${s}`);
      });
    expect(missing).toEqual([]);
  });

  it('a § cited without a docs/ path is not left behind', () => {
    const bare = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, i) =>
          /(?<!docs\/)metadata-spec(?:\.md)?\s+§/.test(text) ? [`${relative(root, file)}:${i + 1}`] : [],
        ),
    );
    expect(bare).toEqual([]);
  });

  it('nothing points at a docs folder outside the clone', () => {
    const outside = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((text, i) =>
          /shared\/docs\/|\.\.\/shared\/(?!ipc\/|models\/)/.test(text) ? [`${relative(root, file)}:${i + 1}`] : [],
        ),
    );
    expect(outside.filter((where) => !where.startsWith('tests/docs-citations.test.ts'))).toEqual([]);
  });
});
