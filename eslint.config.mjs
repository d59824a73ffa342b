// The architecture's rules, checked (see docs/architecture.md): where electron may be imported, which
// layer may import which, who touches window.api, and a size bar for functions. Prettier owns layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importPlugin from 'eslint-plugin-import';
import globals from 'globals';
import { readdirSync } from 'node:fs';

const tsFiles = ['**/*.{ts,tsx,mts,cts}'];
const testFiles = ['**/*.test.{ts,tsx}', 'tests/**', 'bench/**', '**/testing/**'];

/** Renderer features (src/renderer/src/features/<name>): each may import only itself. */
const rendererFeatures = readdirSync(new URL('./src/renderer/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureZones = rendererFeatures.map((name) => ({
  target: `./src/renderer/src/features/${name}`,
  from: './src/renderer/src/features',
  except: [`./${name}`],
  message: 'Features never import each other: share through components/, api/ or app/ (routes, slots).',
}));

/** `import ... from 'electron'` outside the shell: the core must run in plain Node (tests, CLI). */
const noElectron = {
  name: 'electron',
  message: 'electron is imported only in src/main/index.ts, src/main/shell/ and src/preload/.',
};

export default tseslint.config(
  {
    ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  // Type-aware rules where they pay: promises that nobody awaits are the bugs the compiler misses.
  {
    files: tsFiles,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // Plain JS, and the bench's render page (built by its own Vite config, in no tsconfig).
    files: ['**/*.{js,mjs,cjs}', 'bench/topology-render/**/*.tsx'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'bench/topology-render/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Layers: what may import what. Relative paths are resolved by eslint-plugin-import; the path
  // aliases (@main, @renderer) and the electron package by no-restricted-imports below.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/shared',
              from: ['./src/main', './src/renderer', './src/preload', './src/cli'],
              message: 'src/shared is the contract both sides import: it imports neither side.',
            },
            {
              target: './src/renderer',
              from: ['./src/main', './src/cli'],
              message: 'The renderer reaches main only through window.api (src/renderer/src/api/).',
            },
            {
              target: ['./src/main', './src/cli', './src/preload'],
              from: './src/renderer',
              message: 'main, the CLI and the preload never import the renderer.',
            },
            {
              target: './src/main/openstack',
              from: ['./src/main/credentials', './src/main/sessions', './src/main/services.ts'],
              message: 'openstack/ is a leaf library main and the CLI share: sessions/ joins it to credentials/.',
            },
            {
              target: './src/main/credentials',
              from: './src/main/openstack',
              message: 'credentials/ reads and stores clouds; talking to Keystone is sessions/ and openstack/.',
            },
            {
              // Tests may build the whole app with createServices; production leaves take ports.ts.
              target: './src/main/{credentials,openstack,sessions,metadata,proxy,topology,doctor}/**/!(*.test).ts',
              from: './src/main/services.ts',
              message: 'services.ts only wires: import the port types from src/main/ports.ts.',
            },
            {
              target: ['./src/renderer/src/api', './src/renderer/src/components'],
              from: './src/renderer/src/features',
              message: 'api/ and components/ are shared by the features and import none of them.',
            },
            ...featureZones,
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['@main/*', '@main'], message: 'The renderer never imports main.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='api']",
          message: 'window.api is used only in src/renderer/src/api/: add a hook or a function there.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['@main/*', '@renderer/*'], message: 'src/shared imports nothing from main or renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/src/api/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Files main did not write (clouds.yaml, secure.yaml, openrc, PEM) are read asynchronously: a
  // synchronous call there would stall main on a slow disk (issue 11, hostile-files.test.ts).
  {
    files: [
      'src/main/read-capped.ts',
      'src/main/tls-files.ts',
      'src/main/credentials/{cloud-store,clouds-yaml,discovery,openrc}.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['node:fs', 'fs'],
              importNamePattern: 'Sync$',
              message: 'Read files main did not write with readCappedFile (async, capped, regular files only).',
            },
          ],
        },
      ],
    },
  },
  // Routes are where the contract is checked: a cast there switches the check off.
  {
    files: ['src/main/ipc/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression[typeAnnotation.type='TSNeverKeyword']",
          message: '`as never` hides a schema that does not match the contract: fix the schema.',
        },
        {
          selector:
            "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword']",
          message: '`as unknown as` hides a schema that does not match the contract: fix the schema.',
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      'max-lines-per-function': 'off',
      // Test servers take async handlers; a throw there fails the test that awaits the answer.
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
  {
    // CommonJS by necessity (electron-builder hooks).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The terminal printer exists to find and strip control characters from untrusted text.
    files: ['src/cli/terminal.ts', 'src/cli/terminal.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)` is its idiom.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
