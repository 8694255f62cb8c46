import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `/embed.js` (`Stagecast.embed`, src/embed-script/embed.ts): built after the app into the same
 * folder, as a classic script of its own (an IIFE defining the global `Stagecast`) under a fixed
 * name, since other sites load it by that name. The server gives it its cache headers.
 */
function embedScript(): Plugin {
  return {
    name: 'stagecast-embed-script',
    apply: 'build',
    async writeBundle() {
      await build({
        root,
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          copyPublicDir: false,
          target: 'es2019',
          lib: {
            entry: 'src/embed-script/embed.ts',
            name: 'Stagecast',
            formats: ['iife'],
            fileName: () => 'embed.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), embedScript()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000', '/readyz': 'http://localhost:3000' } },
});
