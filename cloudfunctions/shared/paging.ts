/** Reads past the server-side 100-record cap of get() by paging. */
export const SERVER_PAGE = 100;

interface Pageable<T> {
  skip(n: number): Pageable<T>;
  limit(n: number): Pageable<T>;
  get(): Promise<{ data: T[] }>;
}

export async function fetchAll<T>(query: () => Pageable<T>, max = 20000): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; skip < max; skip += SERVER_PAGE) {
    const { data } = await query().skip(skip).limit(SERVER_PAGE).get();
    all.push(...data);
    if (data.length < SERVER_PAGE) break;
  }
  return all;
}
