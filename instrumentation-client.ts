// Runs in the browser before the app's code (Next.js instrumentation-client). Zod compiles fast
// object parsers with `new Function` after probing for it; under our CSP (no 'unsafe-eval') the
// swallowed probe still reports a violation, so the browser uses Zod's interpreted parsers.
// Zod keeps its configuration on `globalThis.__zod_globalConfig` and takes the object it finds there
// (zod/v4/core/core.js; test/client/instrumentation-client.test.ts holds it to that): set here, it
// costs no import, so a page that parses nothing with Zod loads none of it (decision 059).
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
scope.__zod_globalConfig = Object.assign(scope.__zod_globalConfig ?? {}, { jitless: true });
export {};
