export interface Migration {
  /** Unique and increasing: the order migrations run in. Never edit a released one; add the next. */
  readonly version: number
  readonly name: string
  readonly sql: string
}
