#!/usr/bin/env node
// Runs the TypeScript sources in-process through tsx (no build step), so signals reach the service.
import { register } from 'tsx/esm/api';

register();
await import('../services/cli.ts');
