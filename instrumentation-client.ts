// Runs in the browser before the app's code (Next.js instrumentation-client). Zod compiles fast
// object parsers with `new Function` after probing for it; under our CSP (no 'unsafe-eval') the
// swallowed probe still reports a violation, so the browser uses Zod's interpreted parsers.
import { z } from 'zod';

z.config({ jitless: true });
