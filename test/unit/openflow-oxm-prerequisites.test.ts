import { describe, expect, it } from 'vitest';
import { OFPBMC, OFPET, findPrerequisiteViolation, type OxmTlv } from '../../core/openflow/index.js';

const check = (...fields: OxmTlv[]) => findPrerequisiteViolation({ fields });

describe('OXM prerequisites (OF1.3 Table 12)', () => {
  it('accepts matches whose fields have their prerequisites, in any order', () => {
    expect(check({ field: 'in_port', value: 1 }, { field: 'eth_dst', value: '02:00:00:00:00:01' })).toBeUndefined();
    expect(check({ field: 'tcp_dst', value: 80 }, { field: 'ip_proto', value: 6 }, { field: 'eth_type', value: 0x0800 })).toBeUndefined();
    expect(check({ field: 'eth_type', value: 0x86dd }, { field: 'ip_proto', value: 58 }, { field: 'icmpv6_type', value: 135 },
      { field: 'ipv6_nd_target', value: 'fe80::1' }, { field: 'ipv6_nd_sll', value: '02:00:00:00:00:01' })).toBeUndefined();
    expect(check({ field: 'vlan_vid', value: 0x1000, mask: 0x1000 }, { field: 'vlan_pcp', value: 3 })).toBeUndefined();
    expect(check({ field: 'in_port', value: 1 }, { field: 'in_phy_port', value: 1 })).toBeUndefined();
    expect(check({ field: 'reg0', value: 1 }, { field: 'opaque', oxmClass: 1, oxmField: 120, hasMask: false, payload: Buffer.alloc(4) })).toBeUndefined();
  });

  it('names the first field whose prerequisite is missing, with OFPBMC_BAD_PREREQ', () => {
    expect(check({ field: 'eth_type', value: 0x0800 }, { field: 'tcp_dst', value: 80 })).toEqual({
      field: 'tcp_dst', reason: 'tcp_dst needs ip_proto=0x6', ofpError: { type: OFPET.BAD_MATCH, code: OFPBMC.BAD_PREREQ },
    });
    // ip_proto present but without its own prerequisite.
    expect(check({ field: 'ip_proto', value: 17 }, { field: 'udp_src', value: 53 })?.field).toBe('ip_proto');
    expect(check({ field: 'eth_type', value: 0x86dd }, { field: 'ipv4_src', value: '10.0.0.1' })?.field).toBe('ipv4_src');
    expect(check({ field: 'eth_type', value: 0x0806 }, { field: 'ip_dscp', value: 1 })?.field).toBe('ip_dscp');
    expect(check({ field: 'ipv6_nd_tll', value: '02:00:00:00:00:01' }, { field: 'icmpv6_type', value: 135 },
      { field: 'ip_proto', value: 58 }, { field: 'eth_type', value: 0x86dd })?.field).toBe('ipv6_nd_tll');
    expect(check({ field: 'vlan_pcp', value: 1 })?.field).toBe('vlan_pcp');
    expect(check({ field: 'vlan_vid', value: 0 }, { field: 'vlan_pcp', value: 1 })?.field).toBe('vlan_pcp');
    expect(check({ field: 'in_phy_port', value: 1 })?.field).toBe('in_phy_port');
    expect(check({ field: 'mpls_label', value: 5 }, { field: 'eth_type', value: 0x8848 })).toBeUndefined();
    expect(check({ field: 'pbb_isid', value: 5 }, { field: 'eth_type', value: 0x8847 })?.field).toBe('pbb_isid');
  });
});
