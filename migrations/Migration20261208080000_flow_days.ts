import { Migration } from '@mikro-orm/migrations';
import { FLOW_STATUSES, stepCase } from '../api/reports/flows.js';

/**
 * The summary's device flows from a daily roll-up (issue #18): how many status changes of each
 * step, by Paris calendar day and device type, kept by triggers in the same transaction as the
 * events (so it is never stale, and a rolled-back event takes its count with it). A year's flows
 * then sum ~15,000 small rows instead of grouping ~130,000 events with `count(distinct …)`.
 *
 * The flows count distinct devices; the roll-up counts changes. They differ only when a device
 * reaches a step twice (the lifecycle allows it for none today), so such second changes are kept
 * one by one in `flow_repeats` with the day of the device's previous change of that step: the
 * devices of a period are its changes minus the repeats whose previous change is in the period.
 *
 * Events are append-only; a device's type can change (import, correction): its counts move with
 * it, since the flows count devices by their type now.
 */
export class Migration20261208080000_flow_days extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "flow_days" (
      "day" date not null,
      "step" text not null,
      "device_type" text not null,
      "changes" int not null,
      primary key ("step", "day", "device_type")
    );`);
    this.addSql(`create table "flow_repeats" (
      "event_id" bigint primary key,
      "device_id" int not null,
      "step" text not null,
      "day" date not null,
      "previous_day" date not null
    );`);
    this.addSql(`create index "flow_repeats_device_step_index" on "flow_repeats" ("device_id", "step");`);
    this.addSql(`create index "flow_repeats_day_index" on "flow_repeats" ("day");`);
    this.addSql(FLOW_FUNCTIONS);
    this.addSql(`create trigger "events_flow_days" after insert on "events"
      referencing new table as "new_events" for each statement execute function "flow_days_add"();`);
    this.addSql(`create trigger "devices_flow_days_type" after update of "type" on "devices"
      for each row when (old."type" is distinct from new."type") execute function "flow_days_move_type"();`);
    this.addSql(BACKFILL_FLOW_DAYS);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "devices_flow_days_type" on "devices";`);
    this.addSql(`drop trigger "events_flow_days" on "events";`);
    this.addSql(`drop function "flow_days_move_type"(); drop function "flow_days_add"(); drop function "flow_repeats_of"(int[]);`);
    this.addSql(`drop table "flow_repeats"; drop table "flow_days";`);
  }
}

const PARIS_DAY = (instant: string) => `(${instant} at time zone 'Europe/Paris')::date`;

/** Every step change of the events `e` (one row each), with its step and Paris day. */
const STEP_CHANGES = (events: string) => `select e.id, e.device_id, e.at, ${stepCase('e')} as step, ${PARIS_DAY('e.at')} as day
  from ${events} e where e.to_status in (${FLOW_STATUSES})`;

const FLOW_FUNCTIONS = `
create function "flow_repeats_of"(devices int[]) returns void language sql as $$
  -- a device's repeats, recomputed whole (a few events each): right even if an event is inserted
  -- with a time earlier than one already there
  delete from "flow_repeats" where device_id = any(devices);
  insert into "flow_repeats" (event_id, device_id, step, day, previous_day)
  select id, device_id, step, day, previous_day from (
    select c.id, c.device_id, c.step, c.day,
           lag(c.day) over (partition by c.device_id, c.step order by c.at, c.id) as previous_day
    from (${STEP_CHANGES('events')} and e.device_id = any(devices)) c
    where c.step is not null
  ) ordered where previous_day is not null;
$$;

create function "flow_days_add"() returns trigger language plpgsql as $$
declare repeated int[];
begin
  insert into "flow_days" (day, step, device_type, changes)
  select c.day, c.step, d.type, count(*)
  from (${STEP_CHANGES('new_events')}) c join devices d on d.id = c.device_id
  where c.step is not null
  group by c.step, c.day, d.type
  order by c.step, c.day, d.type
  on conflict (step, day, device_type) do update set changes = "flow_days".changes + excluded.changes;

  -- devices of this statement that now have two changes of one step (none in the lifecycle today)
  select array_agg(distinct c.device_id) into repeated
  from (${STEP_CHANGES('new_events')}) c
  where c.step is not null and exists (
    select 1 from (${STEP_CHANGES('events')} and e.device_id = c.device_id and e.id <> c.id) other where other.step = c.step);
  if repeated is not null then perform "flow_repeats_of"(repeated); end if;
  return null;
end;
$$;

create function "flow_days_move_type"() returns trigger language plpgsql as $$
begin
  insert into "flow_days" (day, step, device_type, changes)
  select c.day, c.step, t.type, count(*) * t.sign
  from (${STEP_CHANGES('events')} and e.device_id = new.id) c
  cross join (values (old.type::text, -1), (new.type::text, 1)) t(type, sign)
  where c.step is not null
  group by c.step, c.day, t.type, t.sign
  order by c.step, c.day, t.type
  on conflict (step, day, device_type) do update set changes = "flow_days".changes + excluded.changes;
  return null;
end;
$$;`;

/** The roll-up of the events already there (also run by the benchmark's dataset loader after COPY). */
export const BACKFILL_FLOW_DAYS = `
insert into "flow_days" (day, step, device_type, changes)
select c.day, c.step, d.type, count(*)
from (${STEP_CHANGES('events')}) c join devices d on d.id = c.device_id
where c.step is not null
group by c.step, c.day, d.type;
insert into "flow_repeats" (event_id, device_id, step, day, previous_day)
select id, device_id, step, day, previous_day from (
  select c.id, c.device_id, c.step, c.day,
         lag(c.day) over (partition by c.device_id, c.step order by c.at, c.id) as previous_day
  from (${STEP_CHANGES('events')}) c
  where c.step is not null
) ordered where previous_day is not null;`;
