import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/prog.d.ts', COMMENT_HEADER + astToString(await openapiTS(new URL('file:///tmp/oa-head.json'))));
