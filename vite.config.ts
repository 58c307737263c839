import { defineConfig } from 'vite';

/**
 * The browser app. Workers are ES modules (`new Worker(new URL(...), { type: 'module' })`),
 * each built as its own chunk, so the Content-Security-Policy in index.html needs no blob: workers.
 */
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  // dist/ also holds the compiled CLI (tsconfig.build.json): the app builds beside it, never over it.
  build: { outDir: 'dist/app', target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, strictPort: false },
});
