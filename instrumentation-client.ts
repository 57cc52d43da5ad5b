// Runs in the browser before the app's code (Next.js instrumentation-client). Zod compiles fast
// object parsers with `new Function` after probing for it; under our CSP (no 'unsafe-eval') the
// swallowed probe still reports a violation, so the browser uses Zod's interpreted parsers.
// A named import: the namespace (`z`) would bring all of Zod into every page, /login included,
// where nothing else parses with it.
import { config } from 'zod';

config({ jitless: true });
