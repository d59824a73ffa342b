import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const alias = {
  '@shared': resolve(__dirname, 'src/shared'),
  '@main': resolve(__dirname, 'src/main'),
  '@renderer': resolve(__dirname, 'src/renderer/src'),
};

export default defineConfig({
  main: { resolve: { alias } },
  // A sandboxed preload cannot require() node_modules: bundle everything it uses.
  preload: { resolve: { alias }, build: { externalizeDeps: false } },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react()],
    // Relative asset URLs so the built renderer works from file:// and from the test server alike.
    base: './',
  },
});
