import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by Parley itself from dist/ (see packages/server/src/api/http-app.ts);
// the dev server proxies the API, the realtime socket and webhooks to a running `parley start`.
const target = process.env['PARLEY_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': { target, changeOrigin: false },
      '/realtime': { target, ws: true },
      '/webhooks': { target },
    },
  },
});
