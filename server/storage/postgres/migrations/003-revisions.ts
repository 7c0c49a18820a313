import type { Migration } from './types'

/** Named revisions (Yjs state + rendered clauses, immutable) and what each user last saw of a draft (mirrors sqlite/003-revisions). */
export const revisions: Migration = {
  version: 3,
  name: 'revisions',
  sql: `
    -- Raises the message it is given: the trigger function of every "this never changes" rule.
    CREATE FUNCTION provisio_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
    END
    $fn$;
    CREATE TABLE revisions (
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number > 0),
      label text NOT NULL,
      title text NOT NULL,
      created_by text COLLATE "C" NOT NULL REFERENCES users(id),
      created_at text COLLATE "C" NOT NULL,
      state bytea NOT NULL,
      clause_count integer NOT NULL,
      PRIMARY KEY (draft_id, number)
    );
    CREATE TABLE revision_clauses (
      draft_id text COLLATE "C" NOT NULL,
      revision integer NOT NULL,
      ord integer NOT NULL,
      clause_id text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      number integer,
      label text NOT NULL,
      heading text NOT NULL,
      status text NOT NULL,
      text text NOT NULL,
      PRIMARY KEY (draft_id, revision, ord),
      FOREIGN KEY (draft_id, revision) REFERENCES revisions(draft_id, number) ON DELETE CASCADE
    );
    CREATE INDEX revision_clauses_clause ON revision_clauses(draft_id, clause_id, revision);
    -- A revision is a record: it never changes once saved.
    CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
      FOR EACH ROW EXECUTE FUNCTION provisio_refuse_change('revisions never change');
    CREATE TRIGGER revision_clauses_immutable BEFORE UPDATE ON revision_clauses
      FOR EACH ROW EXECUTE FUNCTION provisio_refuse_change('revisions never change');
    CREATE TABLE draft_seen (
      user_id text COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      draft_id text COLLATE "C" NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
      seen_at text COLLATE "C" NOT NULL,
      clauses jsonb NOT NULL,
      PRIMARY KEY (user_id, draft_id)
    );
  `,
}
