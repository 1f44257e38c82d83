/**
 * The ids in the API's order, computed independently of hubcat: by value in `direction`, models without a value last
 * whatever the direction, ties by id ascending.
 */
export function idsInOrder(
  entries: readonly { id: string; value: number | string | null }[],
  direction: 'ASC' | 'DESC',
): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...entries]
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((entry) => entry.id);
}
