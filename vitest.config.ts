import ts from 'typescript';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * Tests are transformed by the TypeScript compiler itself (transpileModule, per file), with
 * `experimentalDecorators` + `emitDecoratorMetadata` from tsconfig.json, so they see exactly the
 * decorator metadata inversify relies on in the built program. Vite's own transforms (oxc,
 * esbuild) cannot emit that metadata, and swc, which can, ships its compiler as per-platform
 * optional packages that the npm registry mirror here does not carry, so `npm ci` rejects the
 * lock file.
 */
const config = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
const { options: compilerOptions } = ts.parseJsonConfigFileContent(config.config, ts.sys, '.');

function typescriptWithDecoratorMetadata(): Plugin {
  return {
    name: 'sluice:typescript-decorator-metadata',
    enforce: 'pre',
    config: () => ({ oxc: false, esbuild: false }),
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('.ts') || file.includes('/node_modules/')) return null;
      const out = ts.transpileModule(code, {
        fileName: file,
        compilerOptions: {
          ...compilerOptions,
          module: ts.ModuleKind.ESNext,
          sourceMap: true,
          inlineSourceMap: false,
          inlineSources: true,
          declaration: false,
          outDir: undefined,
          rootDir: undefined,
        },
      });
      return { code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, ''), map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
    },
  };
}

export default defineConfig({
  plugins: [typescriptWithDecoratorMetadata()],
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
