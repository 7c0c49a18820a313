export interface Migration {
  /** Unique and increasing, the same numbers as the SQLite migrations. Never edit a released one; add the next. */
  readonly version: number
  readonly name: string
  readonly sql: string
}
