/**
 * A change to the list a live read reported last, sent instead of the whole new list: the items
 * at `removed` (indices into that list, ascending) leave, then each of `inserted` goes in at its
 * index of the new list (ascending). A write of a few rows to a long list crosses the worker
 * boundary as those rows alone.
 */
export interface ListSplice {
  removed: number[];
  inserted: [index: number, item: unknown][];
}

/**
 * `list` after `splice`, as a new frozen array, in one pass over it: the items the splice did not
 * touch are the same objects as in `list` (a UI can skip what did not change), and no caller can
 * change in place the list the next splice applies to. Each inserted item goes in once the new
 * list holds exactly the items that end up before it, as its index says.
 */
export function splicedList(
  list: readonly unknown[],
  { removed, inserted }: ListSplice,
): readonly unknown[] {
  const next: unknown[] = [];
  let from = 0;
  let leaving = 0;
  const takeUntil = (length: number) => {
    for (; next.length < length && from < list.length; from++) {
      if (from === removed[leaving]) leaving++;
      else next.push(list[from]);
    }
  };
  for (const [index, item] of inserted) {
    takeUntil(index);
    next.push(item);
  }
  takeUntil(Number.POSITIVE_INFINITY);
  return Object.freeze(next);
}
