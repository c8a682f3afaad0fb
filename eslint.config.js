// Type-aware lint: the rules STYLE.md asks for, plus the layering of the pipeline.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const typeAwareRules = {
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  '@typescript-eslint/no-floating-promises': [
    'error',
    {
      allowForKnownSafeCalls: [
        { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach'] },
      ],
    },
  ],
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
  '@typescript-eslint/no-unused-vars': [
    'error',
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
  ],
  'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only.' }],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'web/dist/'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    ignores: ['web/**'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    rules: typeAwareRules,
  },
  {
    // The console (web/): browser globals, its own tsconfig, the rules of hooks.
    files: ['web/**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended, reactHooks.configs.flat['recommended-latest']],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.browser,
    },
    rules: { ...typeAwareRules, 'no-restricted-properties': 'off', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The domain is pure: nothing of ours from outside it, no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../../store/*',
                '../store/*',
                '../../api/*',
                '../api/*',
                '../../operations/*',
                '../operations/*',
                '../../cli/*',
                '../cli/*',
              ],
              message: 'The domain depends on nothing of ours.',
            },
            { group: ['node:fs*', 'node:net', 'node:http*', 'pg', 'better-sqlite3', 'kysely'], message: 'The domain does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // Routes parse, call one operation and map the result: no database access in the API layer.
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/store/*'], allowTypeImports: true, message: 'Call an operation; routes do not touch the store.' }] },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
