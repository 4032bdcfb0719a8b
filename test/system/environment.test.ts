/**
 * The system tests skip themselves when a peer is missing, so that a developer without root can
 * still run the rest. This file is the counterweight: it fails, naming what is missing, whenever
 * the machine lacks something those tests need, so a skipped system test can never pass
 * unnoticed in CI (`.ci/run` installs all of it) or on the root machines here.
 */
import { describe, expect, it } from 'vitest';
import { isNativeBindingAvailable } from '../../switch/port/native-binding.js';
import { canUseNetns, trySh } from '../support/netns.js';

const TOOLS: Array<[string, string[], string]> = [
  ['ovs-vsctl', ['--version'], 'openvswitch-switch'],
  ['ovs-testcontroller', ['--version'], 'openvswitch-testcontroller'],
  ['osken-manager', ['--version'], 'python3-os-ken'],
  ['tcpdump', ['--version'], 'tcpdump'],
  ['ethtool', ['--version'], 'ethtool'],
  ['iperf3', ['--version'], 'iperf3'],
  ['ping', ['-V'], 'iputils-ping'],
  ['nc', ['-h'], 'netcat-openbsd'],
  ['dig', ['-v'], 'dnsutils'],
  ['openssl', ['version'], 'openssl'],
  ['/usr/bin/python3', ['-c', 'import grpc, grpc_tools'], 'python3-grpcio python3-grpc-tools'],
];

describe('system-test environment', () => {
  it('runs as root with network namespaces', () => {
    expect(canUseNetns(), 'system tests need root and `ip netns` (iproute2)').toBe(true);
  });

  it('has the native AF_PACKET addon built', () => {
    expect(isNativeBindingAvailable(), 'run `npm run build:native`').toBe(true);
  });

  it('has every real peer the system tests drive', () => {
    const missing = TOOLS.filter(([cmd, args]) => {
      const r = trySh(cmd, args);
      // nc -h exits 1 on some builds; what matters is that it ran.
      return r.status === -1 || (r.status !== 0 && cmd !== 'nc');
    }).map(([cmd, , pkg]) => `${cmd} (apt-get install ${pkg})`);
    expect(missing).toEqual([]);
  });
});
