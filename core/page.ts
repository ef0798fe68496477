/** One page of a listing (part of the contract in core/api.ts). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
