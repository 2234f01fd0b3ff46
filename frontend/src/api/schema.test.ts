import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

describe('generated API types', () => {
  it('schema.d.ts matches openapi.json (run `npm run gen:api` in frontend/ when this fails)', async () => {
    // Same settings as the CLI (`npm run gen:api`). CREMA_OPENAPI lets a check run against another copy of the document (e.g. `git show HEAD:…`).
    const spec = process.env.CREMA_OPENAPI ? new URL(`file://${process.env.CREMA_OPENAPI}`) : new URL('./openapi.json', import.meta.url);
    const fresh = COMMENT_HEADER + astToString(await openapiTS(spec, { redocly: await createConfig({}, { extends: ['minimal'] }) }));
    const committed = readFileSync(fileURLToPath(new URL('./schema.d.ts', import.meta.url)), 'utf8');
    expect(committed === fresh, 'src/api/schema.d.ts is stale: run `npm run gen:api` in frontend/').toBe(true);
  }, 30_000);
});
