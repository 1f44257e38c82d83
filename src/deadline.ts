/**
 * Resolves or rejects like `promise`, or rejects with `expired()` once `ms` have passed, whichever comes first: every
 * wait on something outside the process (Redis, a closing part) goes through it, so none is unbounded.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number, expired: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(expired()), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
