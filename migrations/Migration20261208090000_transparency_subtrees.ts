import { Migration } from '@mikro-orm/migrations';

/**
 * The hashes of complete, aligned subtrees of the transparency log (blocks of 2^level leaves
 * starting at a multiple of 2^level), so that a root or a proof reads O(log n) rows instead of
 * every leaf hash (`api/transparency/subtree-cache.ts`). Filled as proofs and checkpoints need
 * them; a block's hash never changes once its last leaf is in, so rows are never updated.
 * Not evidence: a verifier recomputes everything from the entries; a rewritten row only makes
 * the server give proofs that fail verification.
 */
export class Migration20261208090000_transparency_subtrees extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "transparency_subtrees" (
      "level" smallint not null check ("level" between 1 and 40),
      "block_index" bigint not null check ("block_index" >= 0),
      "hash" bytea not null check (length("hash") = 32),
      primary key ("level", "block_index")
    );`);
    this.addSql(`create trigger "transparency_subtrees_no_update_delete" before update or delete on "transparency_subtrees"
      for each row execute function "events_append_only"();`);
    this.addSql(`create trigger "transparency_subtrees_no_truncate" before truncate on "transparency_subtrees"
      for each statement execute function "events_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "transparency_subtrees";`);
  }
}
