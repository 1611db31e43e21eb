// A migration: numbered, forward-only, frozen once released (a change to the schema is a new
// file, never an edit). Its statements must be safe to run again (CREATE TABLE IF NOT EXISTS,
// indexes declared inside the CREATE, a guarded ALTER): MySQL commits DDL at once, so a migration
// cut short by a crash is simply run again from the start, and its version is recorded only
// after it completed.
export interface Migration {
  readonly version: number;
  /** `001_init`: the file's name, printed by `ordertrack db migrate`. */
  readonly name: string;
  readonly statements: readonly Statement[];
}

/**
 * DDL text, or DDL that is not idempotent by itself (MySQL 8 has no ADD COLUMN IF NOT EXISTS)
 * with a query whose first value is non-zero once the statement has taken effect.
 */
export type Statement = string | { readonly sql: string; readonly doneIf: string };
