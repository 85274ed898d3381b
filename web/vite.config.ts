/**
 * The explorer's build (`npm run build:web`): one classic script and one style sheet in dist/web, with
 * relative URLs, so the same files work served by `flint serve` at `/` and opened from disk (file://,
 * where browsers refuse module scripts). Preact's JSX runtime; the engine (src/) is bundled in.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Module scripts do not load from file://: the bundle is an IIFE, loaded as a deferred classic script. */
const classicScript = (): Plugin => ({
  name: 'explorer-classic-script',
  enforce: 'post',
  transformIndexHtml(html) {
    return html
      .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
      .replace(/<link rel="stylesheet" crossorigin href=/g, '<link rel="stylesheet" href=');
  },
});

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  plugins: [classicScript()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: { format: 'iife', entryFileNames: 'assets/explorer-[hash].js' },
    },
  },
});
