/**
 * The base pipeline: one table-miss flow per stage, owned by the controller. Stages 0..n-2
 * miss to the next stage in table order (goto-table); the last stage misses to the controller
 * with the whole frame (see stages.ts for why not drop). The flow service installs these on
 * every switch, once, as part of its intent, so a re-sync keeps them and never duplicates them.
 */
import { OFPCML_NO_BUFFER } from '../../core/openflow/actions.js';
import { OFPP } from '../../core/openflow/port-desc.js';
import type { FlowSpec } from '../services/flows.js';
import { STAGES, StageTable, TABLE_MISS_PRIORITY, type StageName } from './stages.js';

export const BASE_PIPELINE_OWNER = 'controller';
/** Local cookie of the table-miss flows: ovs-ofctl shows them as cookie=0x5c00000000000001. */
export const TABLE_MISS_COOKIE = 1n;

export function basePipelineFlows(): FlowSpec[] {
  return STAGES.map((stage, i) => {
    const table = new StageTable(stage.name, BASE_PIPELINE_OWNER);
    const next = STAGES[i + 1]?.name as StageName | undefined;
    const instructions = next !== undefined
      ? [table.goto(next)]
      : [{ type: 'APPLY_ACTIONS' as const, actions: [{ type: 'OUTPUT' as const, port: OFPP.CONTROLLER, maxLen: OFPCML_NO_BUFFER }] }];
    return table.flow(TABLE_MISS_PRIORITY, { fields: [] }, instructions, { cookie: TABLE_MISS_COOKIE });
  });
}
