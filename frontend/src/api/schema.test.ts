import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

/** The types openapi-typescript makes of a document, with the CLI's settings. */
async function generate(spec: URL): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(spec, { redocly: await createConfig({}, { extends: ['minimal'] }) }));
}

describe('generated API types', () => {
  it('schema.d.ts matches openapi.json (run `npm run gen:api` in frontend/ when this fails)', async () => {
    // Same settings as the CLI (`npm run gen:api`). CREMA_OPENAPI lets a check run against another copy of the document (e.g. `git show HEAD:…`).
    const spec = process.env.CREMA_OPENAPI ? new URL(`file://${process.env.CREMA_OPENAPI}`) : new URL('./openapi.json', import.meta.url);
    const fresh = await generate(spec);
    const committed = readFileSync(fileURLToPath(new URL('./schema.d.ts', import.meta.url)), 'utf8');
    expect(committed === fresh, 'src/api/schema.d.ts is stale: run `npm run gen:api` in frontend/').toBe(true);
  }, 30_000);

  it('hq-schema.d.ts matches head office\'s hq-openapi.json (run `npm run gen:api:hq` in frontend/ when this fails)', async () => {
    const fresh = await generate(new URL('./hq-openapi.json', import.meta.url));
    const committed = readFileSync(fileURLToPath(new URL('./hq-schema.d.ts', import.meta.url)), 'utf8');
    expect(committed === fresh, 'src/api/hq-schema.d.ts is stale: run `npm run gen:api:hq` in frontend/').toBe(true);
  }, 30_000);
});
