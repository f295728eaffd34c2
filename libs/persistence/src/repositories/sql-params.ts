/** Positional parameters of one SQL statement, added as they are used. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A statement as a repository runs it: SQL and its positional parameters (EXPLAIN tests and benches read it). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}
