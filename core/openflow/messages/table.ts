/**
 * Table messages (OF1.3.5 §7.3.3 table-mod, §7.3.5.4 table statistics, §7.3.5.5 table features).
 */
import type { OfpReader } from '../ofp-reader.js';
import type { OfpWriter } from '../ofp-writer.js';

/** ofp_table_mod. */
export interface TableMod {
  type: 'TABLE_MOD';
  xid: number;
  /** A table number or OFPTT_ALL. */
  tableId: number;
  /** OFPTC_* bits (only the deprecated ones exist in OF1.3). */
  config: number;
}

/** One ofp_table_stats entry. */
export interface TableStats {
  tableId: number;
  activeCount: number;
  lookupCount: bigint;
  matchedCount: bigint;
}

export function decodeTableMod(r: OfpReader, xid: number): TableMod {
  const tableId = r.u8('ofp_table_mod.table_id');
  r.skip(3, 'ofp_table_mod.pad');
  const config = r.u32('ofp_table_mod.config');
  return { type: 'TABLE_MOD', xid, tableId, config };
}

export function encodeTableMod(w: OfpWriter, m: TableMod): void {
  w.u8(m.tableId);
  w.zeros(3);
  w.u32(m.config);
}

export function decodeTableStats(r: OfpReader): TableStats {
  const tableId = r.u8('ofp_table_stats.table_id');
  r.skip(3, 'ofp_table_stats.pad');
  const activeCount = r.u32('ofp_table_stats.active_count');
  const lookupCount = r.u64('ofp_table_stats.lookup_count');
  const matchedCount = r.u64('ofp_table_stats.matched_count');
  return { tableId, activeCount, lookupCount, matchedCount };
}

export function encodeTableStats(w: OfpWriter, t: TableStats): void {
  w.u8(t.tableId);
  w.zeros(3);
  w.u32(t.activeCount);
  w.u64(t.lookupCount);
  w.u64(t.matchedCount);
}
