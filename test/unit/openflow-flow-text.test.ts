import { describe, expect, it } from 'vitest';
import { OFPP, formatActions, formatInstructions, formatMatch } from '../../core/openflow/index.js';

describe('flow text', () => {
  it('prints a match with OXM names, masks after a slash, 64-bit values in hex', () => {
    expect(formatMatch({ fields: [] })).toBe('any');
    expect(formatMatch({
      fields: [
        { field: 'in_port', value: 1 }, { field: 'ipv4_dst', value: '10.0.0.0', mask: '255.255.255.0' },
        { field: 'metadata', value: 0x10n, mask: 0xf0n },
        { field: 'opaque', oxmClass: 1, oxmField: 120, hasMask: false, payload: Buffer.from([1, 2]) },
      ],
    })).toBe('in_port=1,ipv4_dst=10.0.0.0/255.255.255.0,metadata=0x10/0xf0,oxm(0x1:120)=0x0102');
  });

  it('prints actions and instructions the way ovs-ofctl does', () => {
    expect(formatActions([])).toBe('drop');
    expect(formatInstructions([
      { type: 'METER', meterId: 2 },
      {
        type: 'APPLY_ACTIONS', actions: [
          { type: 'SET_FIELD', field: { field: 'eth_src', value: '02:00:00:00:00:01' } },
          { type: 'OUTPUT', port: OFPP.FLOOD, maxLen: 0 }, { type: 'OUTPUT', port: OFPP.CONTROLLER, maxLen: 128 },
          { type: 'NX_REG_LOAD', ofsNbits: (4 << 6) | 26, dst: 'reg0', value: 0xdeadbeefn },
          { type: 'NX_CT', flags: 1, zoneOfsNbits: 5, recircTable: 255, alg: 0, actions: [{ type: 'NX_NAT', flags: 1, ipv4Min: '10.0.0.1' }] },
          { type: 'NX_CONJUNCTION', clause: 0, nClauses: 2, id: 7 },
        ],
      },
      { type: 'GOTO_TABLE', tableId: 4 },
    ])).toBe('meter:2,set_field:02:00:00:00:00:01->eth_src,output:FLOOD,CONTROLLER:128,load:0xdeadbeef->reg0[4..30],'
      + 'ct(commit,zone=5,exec(nat(src=10.0.0.1))),conjunction(7,1/2),goto_table:4');
  });
});
