import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'proto/gen/', '.stack/', '.docker-state/', 'dist/', 'services/api/public/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // kafkajs loads only through services/common/kafka.ts, which puts the pooled Encoder in place
    // first (services/common/kafkajs-encoder.ts): a module that loaded kafkajs before it would
    // leave every service with kafkajs's zero-filled buffers. Types are erased, so they are free.
    files: ['services/**/*.ts'],
    ignores: ['services/common/kafka.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', allowTypeImports: true, message: 'import kafkajs values through services/common/kafka.ts (it installs the pooled Encoder before kafkajs loads)' }] }],
    },
  },
  {
    files: ['scripts/**', 'test/**', 'bin/**', 'infra/**', 'services/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
