// The data-quality figures a live run reports to the console (SPEC §2). The store gets a
// minute's rows only once that processing minute has closed and a checkpoint carried them, so
// its sums lag the run by up to a minute (and read 0 through a first minute that takes in a
// whole backlog). The run knows the rest: it adds to the store's sums as it found them what it
// committed since, the rows waiting for its next commit and the engine's open minute. All of it
// is taken at one moment, so a console that reads the store while a commit lands can neither
// count a minute twice nor miss it.
import type { DataQualityRow } from '../engine/types.js';
import type { DataQualityView } from '../ui/model.js';

export class DataQualityTally {
  private readonly committed: DataQualityView;

  /** `stored`: the store's sums when the run started. */
  constructor(stored: DataQualityView) {
    this.committed = { ...stored };
  }

  /** Rows a commit has written. */
  add(rows: readonly DataQualityRow[]): void {
    for (const r of rows) addRow(this.committed, r);
  }

  /** The figures now: committed, plus rows not committed yet and the engine's open minute's rows. */
  now(waiting: readonly DataQualityRow[], open: readonly DataQualityRow[]): DataQualityView {
    const v = { ...this.committed };
    for (const r of waiting) addRow(v, r);
    for (const r of open) addRow(v, r);
    return v;
  }
}

function addRow(v: DataQualityView, r: DataQualityRow): void {
  v.total += r.total_records;
  v.late += r.late_records_count;
  v.duplicates += r.duplicate_count;
  v.schema_violations += r.schema_violation_count;
  v.null_order_ids += r.null_order_id_count;
}
