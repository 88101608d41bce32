// The console is served by the api under /console/; its calls go to the api at the same origin.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  // Preact's automatic JSX runtime through Vite's own transformer, so no framework plugin is needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
