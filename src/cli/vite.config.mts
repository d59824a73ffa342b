/**
 * Builds the headless CLI into one ES module for plain Node: out/cli/stacklens.mjs.
 * An SSR build, so node built-ins and npm dependencies stay external (imported from node_modules)
 * while our TypeScript (src/cli, src/main, src/shared, with the @main/@shared aliases) is bundled.
 * bin/stacklens.mjs runs this build on demand when a source file is newer than the bundle.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  logLevel: 'warn',
  resolve: {
    alias: {
      '@shared': resolve(root, 'src/shared'),
      '@main': resolve(root, 'src/main'),
    },
  },
  build: {
    ssr: resolve(root, 'src/cli/main.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'stacklens.mjs' } },
  },
});
