import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { rolldownOptions: { input: ['index.html', 'synced.html'] } },
  test: { environment: 'node', setupFiles: ['fake-indexeddb/auto'] },
});
