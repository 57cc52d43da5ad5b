import { describe, expect, it } from 'vitest';

describe('instrumentation-client', () => {
  it('makes Zod jitless without importing it, before and after Zod is loaded', async () => {
    const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
    delete scope.__zod_globalConfig;
    await import('../../instrumentation-client');
    expect(scope.__zod_globalConfig).toEqual({ jitless: true });
    // Zod adopts the object it finds: its own configuration says jitless.
    const { config, z } = await import('zod');
    expect(config()).toBe(scope.__zod_globalConfig);
    expect(config().jitless).toBe(true);
    // And parsing still works, interpreted.
    expect(z.object({ a: z.number() }).safeParse({ a: 1 }).success).toBe(true);
  });
});
