import { z } from 'zod';

export const l2ConfigSchema = z.strictObject({
  floodDedupMs: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(200)
    .describe('an identical frame flooded again by the same switch within this many ms is dropped (loop guard while LLDP converges); 0 turns it off'),
});
export type L2Config = z.output<typeof l2ConfigSchema>;
