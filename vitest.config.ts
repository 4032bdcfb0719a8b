import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// esbuild (vitest's default transform) cannot emit decorator metadata, which inversify's
// constructor injection relies on; swc can, so tests see the same DI behaviour as tsc's output.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/**/*.test.ts'],
    // System tests share the machine's network namespaces and OVS; run files one at a time
    // there, while unit files stay parallel.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
