import { Migration } from '@mikro-orm/migrations';

/**
 * The summary's allocations from one narrow row per allocation (issue #18): what its figures read
 * of the allocation, its referral, its device and the device's registration, kept by triggers in
 * the same transaction as what they copy (never stale). The summary then reads the period's rows
 * by `allocated_at` instead of joining the allocations with the referrals, the 100,000 devices and
 * their milestones at every report.
 *
 * A referral's territory, resident or training wish, a device's type or creation time and a
 * device's first registration (an earlier one recorded late) can change after the allocation: the
 * row of each allocation they concern is written again from the join.
 */
export class Migration20261209010000_allocation_facts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "allocation_facts" (
      "allocation_id" int primary key references "allocations" ("id") on delete cascade,
      "allocated_at" timestamptz not null,
      -- the referral's
      "territory" varchar(120) not null,
      "beneficiary_id" int not null,
      "training_wanted" boolean not null,
      "price_cents" int not null,
      -- the device's type now
      "device_type" text not null,
      -- the device's first registration (device_milestones), its creation when no registration event is found
      "registered_at" timestamptz not null
    );`);
    this.addSql(`create index "allocation_facts_allocated_at_index" on "allocation_facts" ("allocated_at");`);

    const refresh = (name: string, where: string, when = 'true') =>
      this.addSql(`create function "${name}"() returns trigger language plpgsql as $$
        begin
          if ${when} then
            ${upsertFacts(where)}
          end if;
          return null;
        end;
      $$;`);
    refresh('allocation_facts_of_allocation', `a."id" = new."id"`);
    refresh('allocation_facts_of_referral', `a."referral_id" = new."id"`);
    refresh('allocation_facts_of_device', `a."device_id" = new."id"`);
    refresh('allocation_facts_of_milestone', `a."device_id" = new."device_id"`);
    // every event's insert upserts device_milestones, so this statement trigger fires on every
    // transition too, most often with no row inserted: it then does nothing
    refresh('allocation_facts_of_milestones', `a."device_id" in (select "device_id" from "new_milestones")`, `exists (select 1 from "new_milestones")`);

    this.addSql(`create trigger "allocations_facts" after insert or update on "allocations"
      for each row execute function "allocation_facts_of_allocation"();`);
    this.addSql(`create trigger "referrals_allocation_facts" after update of "territory", "beneficiary_id", "training_wanted" on "referrals"
      for each row when (old."territory" is distinct from new."territory" or old."beneficiary_id" is distinct from new."beneficiary_id"
                         or old."training_wanted" is distinct from new."training_wanted")
      execute function "allocation_facts_of_referral"();`);
    this.addSql(`create trigger "devices_allocation_facts" after update of "type", "created_at" on "devices"
      for each row when (old."type" is distinct from new."type" or old."created_at" is distinct from new."created_at")
      execute function "allocation_facts_of_device"();`);
    // milestones arrive by the statement (the events' roll-up trigger upserts a whole import's at once)
    this.addSql(`create trigger "device_milestones_allocation_facts" after insert on "device_milestones"
      referencing new table as "new_milestones" for each statement execute function "allocation_facts_of_milestones"();`);
    this.addSql(`create trigger "device_milestones_registered_allocation_facts" after update of "registered_at" on "device_milestones"
      for each row when (old."registered_at" is distinct from new."registered_at") execute function "allocation_facts_of_milestone"();`);
    this.addSql(BACKFILL_ALLOCATION_FACTS);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "device_milestones_registered_allocation_facts" on "device_milestones";`);
    this.addSql(`drop trigger "device_milestones_allocation_facts" on "device_milestones";`);
    this.addSql(`drop trigger "devices_allocation_facts" on "devices";`);
    this.addSql(`drop trigger "referrals_allocation_facts" on "referrals";`);
    this.addSql(`drop trigger "allocations_facts" on "allocations";`);
    for (const name of ['allocation', 'referral', 'device', 'milestone', 'milestones']) this.addSql(`drop function "allocation_facts_of_${name}"();`);
    this.addSql(`drop table "allocation_facts";`);
  }
}

/** Writes (again) the row of each allocation `a` that `where` selects, from the allocation, its referral `r`, its device `d` and its milestones `g`. */
function upsertFacts(where: string): string {
  return `insert into "allocation_facts" ("allocation_id", "allocated_at", "territory", "beneficiary_id", "training_wanted", "price_cents", "device_type", "registered_at")
    select a."id", a."allocated_at", r."territory", r."beneficiary_id", r."training_wanted", a."price_cents", d."type", coalesce(g."registered_at", d."created_at")
    from "allocations" a join "referrals" r on r."id" = a."referral_id" join "devices" d on d."id" = a."device_id"
    left join "device_milestones" g on g."device_id" = d."id"
    where ${where}
    order by a."id"
    on conflict ("allocation_id") do update set
      "allocated_at" = excluded."allocated_at", "territory" = excluded."territory", "beneficiary_id" = excluded."beneficiary_id",
      "training_wanted" = excluded."training_wanted", "price_cents" = excluded."price_cents", "device_type" = excluded."device_type",
      "registered_at" = excluded."registered_at";`;
}

/** The rows of the allocations already there (also run by the benchmark's dataset loader after COPY). */
export const BACKFILL_ALLOCATION_FACTS = upsertFacts('true');
