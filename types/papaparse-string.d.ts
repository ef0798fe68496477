/**
 * papaparse as core/ uses it (a string in, rows out), for core/tsconfig.json only: @types/papaparse
 * starts with `/// <reference types="node" />` and would bring process, Buffer, … into the one
 * check that must have no Node types. Shapes as in @types/papaparse 5.5.
 */
export interface ParseError {
  type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
  code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
  message: string;
  row?: number;
  index?: number;
}

export interface ParseResult<T> {
  data: T[];
  errors: ParseError[];
  meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; cursor: number; fields?: string[] };
}

export interface ParseConfig {
  delimiter?: string;
  newline?: string;
  quoteChar?: string;
  escapeChar?: string;
  header?: false;
  skipEmptyLines?: boolean | 'greedy';
}

export function parse<T>(input: string, config?: ParseConfig): ParseResult<T>;
