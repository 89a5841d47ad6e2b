import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for national scale (100,000 devices, 1,000,000 events), each justified by the plan of a
 * query measured with `npm run bench` (EXPLAIN ANALYZE on the benchmark dataset; see bench/README.md).
 */
export class Migration20261123070000_performance extends Migration {
  override async up(): Promise<void> {
    // Status changes are 45 % of the events; the indicators read them by status and date
    // (flows of a period, REEN ratio, time to allocation). With (to_status, at) alone every row
    // found was fetched from the table (Index Scan + heap: 1.5 s for a year's flows); carrying
    // from_status and device_id in the index makes these Index Only Scans (Heap Fetches: 0), and
    // the partial predicate keeps the other 55 % of the events (labels, stock-takes...) out of it.
    // It replaces events_to_status_at_index, whose every use it covers (to_status = … implies not null).
    this.addSql(`create index "events_status_changes_index" on "events" ("to_status", "at") include ("from_status", "device_id") where "to_status" is not null;`);
    this.addSql(`drop index "events_to_status_at_index";`);

    // The devices list sorts by date then id. A deep page (offset 50,000) walked
    // devices_created_at_index backwards reading 50,025 whole rows (Incremental Sort on id,
    // 80-120 ms); with id in the index, the ids of a page are found by an Index Only Scan Backward
    // (Heap Fetches: 0, 10-13 ms) and only the 25 devices are read. Replaces devices_created_at_index.
    this.addSql(`create index "devices_created_at_id_index" on "devices" ("created_at", "id");`);
    this.addSql(`drop index "devices_created_at_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "events_to_status_at_index" on "events" ("to_status", "at");`);
    this.addSql(`drop index "events_status_changes_index";`);
    this.addSql(`create index "devices_created_at_index" on "devices" ("created_at");`);
    this.addSql(`drop index "devices_created_at_id_index";`);
  }
}
