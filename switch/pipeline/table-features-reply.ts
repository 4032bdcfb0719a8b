/**
 * What this switch's tables support, as the TABLE_FEATURES multipart reply says it
 * (OF1.3.5 §7.3.5.5): every table is alike — all instructions, every OF1.3 action, every
 * OPENFLOW_BASIC match field (masked where the spec allows), set-field on the settable ones,
 * goto to any later table, full metadata match and write. Built once per datapath.
 */
import { OFPAT } from '../../core/openflow/actions.js';
import { OFPIT } from '../../core/openflow/instructions.js';
import { oxmId, type TableFeatureProp, type TableFeatures } from '../../core/openflow/table-features.js';
import { FLOW_KEY_FIELDS, type FlowKeyFieldName } from '../../core/packet/flow-key-layout.js';
import { SETTABLE_FIELDS } from './exec-action.js';

export const MAX_ENTRIES_PER_TABLE = 1_000_000;

export function tableFeatures(nTables: number): TableFeatures[] {
  const instructionIds = [OFPIT.GOTO_TABLE, OFPIT.WRITE_METADATA, OFPIT.WRITE_ACTIONS, OFPIT.APPLY_ACTIONS,
    OFPIT.CLEAR_ACTIONS, OFPIT.METER].map((type) => ({ type }));
  const actionIds = Object.values(OFPAT).filter((c) => c !== OFPAT.EXPERIMENTER).map((type) => ({ type }));
  const match = FLOW_KEY_FIELDS.map((f) => oxmId(f.name as FlowKeyFieldName, f.maskable));
  const wildcards = FLOW_KEY_FIELDS.map((f) => oxmId(f.name as FlowKeyFieldName));
  const setfields = [...SETTABLE_FIELDS].map((n) => oxmId(n));
  const out: TableFeatures[] = [];
  for (let id = 0; id < nTables; id++) {
    const tableIds: number[] = [];
    for (let t = id + 1; t < nTables; t++) tableIds.push(t);
    const properties: TableFeatureProp[] = [
      { type: 'INSTRUCTIONS', instructionIds: id === nTables - 1 ? instructionIds.filter((i) => i.type !== OFPIT.GOTO_TABLE) : instructionIds },
      { type: 'NEXT_TABLES', tableIds },
      { type: 'WRITE_ACTIONS', actionIds },
      { type: 'APPLY_ACTIONS', actionIds },
      { type: 'MATCH', oxmIds: match },
      { type: 'WILDCARDS', oxmIds: wildcards },
      { type: 'WRITE_SETFIELD', oxmIds: setfields },
      { type: 'APPLY_SETFIELD', oxmIds: setfields },
    ];
    out.push({
      tableId: id, name: `table${id}`, metadataMatch: 0xffffffffffffffffn, metadataWrite: 0xffffffffffffffffn,
      config: 0, maxEntries: MAX_ENTRIES_PER_TABLE, properties,
    });
  }
  return out;
}
