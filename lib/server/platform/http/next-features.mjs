// Next.js features that `next dev` and `next start` would honour and npm start's server would
// silently skip, since it routes /api itself (decisions 014, 025). npm start refuses to build or
// start with one, naming the file and what to do. Plain JS: scripts/build-server.mjs runs it too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { securityHeaderRules } from './security-headers.js';

const ENTRY_NAMES = ['middleware', 'proxy'];
const ENTRY_FOLDERS = ['', 'src', 'app'];
const ENTRY_EXTENSIONS = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'mts'];

const CONFIG_KEYS = {
  rewrites: 'npm start matches /api/… paths before Next would rewrite them',
  redirects: 'npm start answers /api/… paths before Next would redirect them',
  basePath: 'npm start serves /api/… at the root, not under a base path',
  i18n: 'npm start routes /api/… without locales (and the App Router ignores i18n)',
  trailingSlash: 'npm start serves /api/… without the trailing slash Next would redirect to',
};

/** Route segment config, and the one value of each that npm start does honour: it calls the handler on Node for every request. */
const SEGMENT_CONFIG = {
  dynamic: 'force-dynamic',
  runtime: 'nodejs',
  revalidate: undefined,
  preferredRegion: undefined,
  maxDuration: undefined,
  fetchCache: undefined,
  dynamicParams: undefined,
  generateStaticParams: undefined,
};

function entryFiles(root) {
  const found = [];
  for (const folder of ENTRY_FOLDERS)
    for (const name of ENTRY_NAMES)
      for (const ext of ENTRY_EXTENSIONS) {
        const file = folder ? `${folder}/${name}.${ext}` : `${name}.${ext}`;
        if (existsSync(join(root, file))) found.push(file);
      }
  return found;
}

async function headerProblems(nextConfig) {
  const expected = JSON.stringify(securityHeaderRules());
  const rules = (await nextConfig.headers?.()) ?? [];
  if (JSON.stringify(rules) === expected) return [];
  return [
    'next.config.js headers(): npm start gives every response it serves itself the headers of lib/server/platform/http/security-headers.js, ' +
      'and would not apply another rule. Put the header there (it reaches every path), and keep headers() as it is.',
  ];
}

/**
 * @typedef {{ root: string, nextConfig: Record<string, any>, routes?: { file?: string, module: Record<string, unknown> }[] }} Project
 */

/**
 * What npm start would not honour, one message per feature: middleware/proxy files (at the root, in
 * src/ or app/), next.config.js keys, headers() other than the platform's, and route segment config
 * exported by a route module npm start serves itself (`routes`: `{ file, module }`).
 * @param {Project} project
 * @returns {Promise<string[]>}
 */
export async function unhonouredNextFeatures({ root, nextConfig, routes = [] }) {
  const problems = [];
  for (const file of entryFiles(root)) {
    problems.push(
      `${file}: npm start's server calls the API routes itself and never runs Next's proxy (middleware), so it would apply under next dev and not under npm start. ` +
        'Do its work in the route wrapper (lib/server/platform/http/route.ts) or in scripts/server.ts, and delete the file.',
    );
  }
  for (const [key, why] of Object.entries(CONFIG_KEYS)) {
    if (nextConfig[key]) problems.push(`next.config.js ${key}: ${why}. Remove it, or do the same in scripts/server.ts for every path.`);
  }
  problems.push(...(await headerProblems(nextConfig)));
  for (const { file, module } of routes) {
    for (const [key, honoured] of Object.entries(SEGMENT_CONFIG)) {
      if (!(key in module) || (honoured !== undefined && module[key] === honoured)) continue;
      problems.push(
        `${file} exports ${key}: npm start calls this route's handler on Node for every request and ignores route segment config, while next dev would apply it. ` +
          'Remove the export (route handlers are dynamic by default), or add the route to NEXT_ONLY in scripts/api-routes.mjs.',
      );
    }
  }
  return problems;
}

/**
 * Throws one error listing every feature npm start would not honour.
 * @param {Project} input
 */
export async function refuseUnhonouredNextFeatures(input) {
  const problems = await unhonouredNextFeatures(input);
  if (problems.length > 0) {
    throw new Error(
      `npm start would not honour ${problems.length === 1 ? 'a Next.js feature' : 'these Next.js features'} (decision 025):\n- ${problems.join('\n- ')}`,
    );
  }
}
