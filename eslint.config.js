// ESLint for the whole tree: typescript-eslint's strict type-aware rules, React's hook rules for
// the client, and the layer rules (which folder may import which). `npm run lint`; `npm test` runs it.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// The client's feature folders (and client/src/router.ts), each with the folders it may import.
// One-way by construction: a folder lists only folders above it in this table, so no cycle can form.
const CLIENT_LAYERS = {
  api: [],
  router: [],
  ui: [],
  draft: ['api', 'router', 'ui'],
  revisions: ['api', 'router', 'ui', 'draft'],
  reports: ['api', 'router', 'ui', 'draft', 'revisions'],
  screens: ['api', 'router', 'ui', 'draft', 'revisions'],
  threads: ['api', 'router', 'ui', 'draft', 'revisions'],
  editor: ['api', 'router', 'ui', 'draft', 'revisions', 'threads'],
  workspace: ['api', 'router', 'ui', 'draft', 'revisions', 'threads', 'editor'],
}

/** An import path that climbs (../) into one of the named top-level or sibling folders. */
const into = (names, message) => ({ regex: `^(\\.\\./)+(${names.join('|')})(/|$)`, message })

const NOT_SERVER = into(['server'], 'client/ never imports server/: share it through shared/.')
const NOT_CLIENT = into(['client'], 'server/ never imports client/: share it through shared/.')
const SHARED_ALONE = into(['server', 'client'], 'shared/ imports neither server/ nor client/: both sides import it.')

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

const clientLayerBlocks = Object.entries(CLIENT_LAYERS).map(([folder, allowed]) => {
  const forbidden = Object.keys(CLIENT_LAYERS).filter((other) => other !== folder && !allowed.includes(other))
  return {
    files: [`client/src/${folder}/**`, `client/src/${folder}.ts`],
    rules: restrict(
      NOT_SERVER,
      ...(forbidden.length > 0
        ? [into(forbidden, `client/src/${folder} imports ${allowed.length > 0 ? `only ${allowed.join(', ')}` : 'no other feature folder'} (the layer order in eslint.config.js).`)]
        : []),
    ),
  }
})

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.server.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Our deliberate style, not mistakes:
      // Unused parameters are already refused by tsc (noUnusedParameters); `_name` marks the kept ones.
      // Numbers in messages and keys (`C${n}`, `${ms} ms`) are the point of a template.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => setOpen(false)` is our way of writing a handler; a void value used as a value is still refused.
      // So is `return send(x)` as an early exit from a void function.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Storage over synchronous SQLite (and its fakes) implements the async Storage interface: `async`
      // keeps a throw a rejected promise, as callers expect, without an await inside.
      '@typescript-eslint/require-await': 'off',
      // Yjs types (Y.Text, Y.XmlFragment, …) print their content with toString(); it is not Object's.
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'AbstractType', 'YText', 'Text', 'XmlFragment', 'XmlText', 'XmlElement', 'YXmlFragment', 'YXmlText', 'YXmlElement'] }],
      // We strip control characters on purpose (XML 1.0, file names, report symbols).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['client/**'],
    languageOptions: { parserOptions: { project: './tsconfig.client.json' } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/exhaustive-deps': 'error',
      // Our screens load their data in an effect and set it (no data library, no Suspense): the
      // compiler's rule asks for that rewrite, not for a fix.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // Tests read JSON answers and fixtures they built themselves: the assertions check the shape,
    // so `any` from res.json() and `!` on a fixture's own rows are not worth a type each.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'server/testing/**', 'server/storage/*Contract.ts', 'server/storage/contractFixtures.ts', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect(fake.method).toHaveBeenCalled() names a method without calling it.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // docx's TextRun takes `string | options`, so `{ bold: true }` is also read as String#bold (deprecated).
    files: ['server/report/writers/docx/**'],
    rules: { '@typescript-eslint/no-deprecated': 'off' },
  },
  {
    files: ['e2e/**'],
    languageOptions: { parserOptions: { project: './tsconfig.e2e.json' } },
  },
  // Layers. shared/ stands alone; server/ and client/ meet only in shared/.
  { files: ['shared/**'], rules: restrict(SHARED_ALONE) },
  { files: ['server/**'], rules: restrict(NOT_CLIENT) },
  { files: ['client/**'], rules: restrict(NOT_SERVER) },
  ...clientLayerBlocks,
  // fixtures/ are imported by client tests too, so they stay on the shared side.
  { files: ['fixtures/**'], rules: restrict(SHARED_ALONE) },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
)
