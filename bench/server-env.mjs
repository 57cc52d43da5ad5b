// The environment a bench starts the app's server with: a data folder of its own, test mode, one
// node (no Redis, whatever the shell has), and what the bench sets on top.

/**
 * @param {{ port: number, dataDir: string, secret: string }} where
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function benchServerEnv({ port, dataDir, secret }, extra = {}) {
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    APP_ENV: 'test',
    NEXTAUTH_SECRET: secret,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
  delete env.REDIS_URL;
  return env;
}
