import { defineConfig } from 'vite';

// The gateway serves the console at /ui/ from the jar (classpath io/hearth/ui/). `npm run dev` proxies the API
// to a running gateway: HEARTH_URL, or http://127.0.0.1:8990.
const gateway = process.env.HEARTH_URL ?? 'http://127.0.0.1:8990';

export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'target/classes/io/hearth/ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/v1': { target: gateway, changeOrigin: false },
      '/api-docs': { target: gateway },
    },
  },
});
