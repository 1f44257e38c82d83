import { z } from 'zod';

/** An amount of something: a minimum count or threshold, never negative. */
export const nonNegative = z.number().int().min(0, { error: 'must be zero or more' });

/** A size that need not be whole (a parameter count, which passes 2³¹), never negative. */
export const nonNegativeNumber = z.number().min(0, { error: 'must be zero or more' });

/** How many items to return (`first`): one at least, so an empty answer always means there are none. */
export const countUpTo = (max: number) =>
  z
    .number()
    .int()
    .min(1, { error: `must be between 1 and ${max}` })
    .max(max, { error: `must be between 1 and ${max}` });
