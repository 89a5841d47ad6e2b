import { Migration } from '@mikro-orm/migrations';
import { MILESTONE_COLUMNS } from '../api/reports/reen.js';

/**
 * The REEN ratio from one row per device (issue #18): the first time it reached each milestone
 * the ratio reads (registration, leaving the depot, handover, allocation, recycling), kept by a
 * trigger in the same transaction as the events (never stale). The ratio then reads ~100,000
 * narrow rows once instead of grouping five ranges of status changes and joining them by device.
 *
 * A reuse by handover only counts on a day an agreement with a reuse commitment covers, and
 * agreements can change: the first handover alone would not say whether a later one was on such
 * a day, so the number of handovers is kept too, and the ratio reads the events of a device
 * handed over twice (the lifecycle allows it for none today).
 */
export class Migration20261208081000_device_milestones extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "device_milestones" (
      "device_id" int primary key,
      "registered_at" timestamptz,
      "left_depot_at" timestamptz,
      "handed_over_at" timestamptz,
      "handovers" int not null default 0,
      -- the device's year of manufacture, as the devices table has it now (kept by a trigger)
      "device_year" int,
      "allocated_at" timestamptz,
      "recycled_at" timestamptz,
      -- what the ratio compares in Paris time, worked out once per device rather than at every report
      "handed_over_day" date generated always as (("handed_over_at" at time zone 'Europe/Paris')::date) stored,
      -- more than 10 years old when registered: out of the ratio (null when the year is unknown)
      "too_old" boolean generated always as (extract(year from "registered_at" at time zone 'Europe/Paris') - "device_year" > 10) stored
    );`);
    this.addSql(`create function "device_milestones_add"() returns trigger language plpgsql as $$
      begin
        ${upsertMilestones('new_events')}
        return null;
      end;
    $$;`);
    this.addSql(`create trigger "events_device_milestones" after insert on "events"
      referencing new table as "new_events" for each statement execute function "device_milestones_add"();`);
    this.addSql(`create function "device_milestones_year"() returns trigger language plpgsql as $$
      begin
        update "device_milestones" set "device_year" = new.year where "device_id" = new.id;
        return null;
      end;
    $$;`);
    this.addSql(`create trigger "devices_milestones_year" after update of "year" on "devices"
      for each row when (old."year" is distinct from new."year") execute function "device_milestones_year"();`);
    this.addSql(BACKFILL_DEVICE_MILESTONES);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "devices_milestones_year" on "devices";`);
    this.addSql(`drop trigger "events_device_milestones" on "events";`);
    this.addSql(`drop function "device_milestones_year"(); drop function "device_milestones_add"();`);
    this.addSql(`drop table "device_milestones";`);
  }
}

/** Adds the milestones of the events of `events` (the earliest time of each wins). */
function upsertMilestones(events: string): string {
  const columns = Object.keys(MILESTONE_COLUMNS);
  const values = Object.values(MILESTONE_COLUMNS).map(({ condition }) => `min(e.at) filter (where ${condition})`);
  return `insert into "device_milestones" ("device_id", ${columns.map((column) => `"${column}"`).join(', ')}, "handovers", "device_year")
    select e.device_id, ${values.join(', ')}, count(*) filter (where ${MILESTONE_COLUMNS.handed_over_at.condition}), d.year
    from ${events} e join devices d on d.id = e.device_id where e.to_status is not null
    group by e.device_id, d.year
    having ${values.map((value) => `${value} is not null`).join(' or ')}
    order by e.device_id
    on conflict ("device_id") do update set
      ${columns.map((column) => `"${column}" = least("device_milestones"."${column}", excluded."${column}")`).join(',\n      ')},
      "handovers" = "device_milestones"."handovers" + excluded."handovers",
      "device_year" = excluded."device_year";`;
}

/** The milestones of the events already there (also run by the benchmark's dataset loader after COPY). */
export const BACKFILL_DEVICE_MILESTONES = upsertMilestones('events');
