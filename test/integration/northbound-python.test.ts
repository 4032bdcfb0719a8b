/**
 * A foreign client: Debian's Python with python3-grpcio compiles our .proto files with
 * grpc_tools.protoc and talks to the running server. This proves the protos are the contract (not
 * the TypeScript types), that 64-bit ids and names survive a different protobuf implementation,
 * and that the INVALID_ARGUMENT details are the standard google.rpc ones.
 *
 * Uses /usr/bin/python3 explicitly: the python3 on PATH may be a pyenv build without grpcio.
 * Missing packages fail the test with the apt-get line to run, rather than skipping it quietly.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceClient } from '../../controller/ctl/ctl-client.js';
import { NorthboundServer } from '../../controller/northbound/grpc-server.js';
import { protoRoot, SLUICE_PROTO_FILES } from '../../controller/northbound/proto-package.js';
import { FakeController } from './northbound-fake-backend.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'python', 'list_topology.py');
const TOKEN = 'py-token-81d2';

const havePythonGrpc =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import grpc, grpc_tools.protoc'], { stdio: 'ignore' }).status === 0;

interface PyOutput {
  switches: { dpid: { value: string; text: string }; port_nos: number[] }[];
  links: {
    src: { dpid: { value: string; text: string }; port_no: number };
    dst: { dpid: { value: string; text: string }; port_no: number };
    bandwidth_bps: string;
    discovered_at: string;
  }[];
  invalid: { code: string; violations: [string, string][] } | null;
}

describe('Python grpcio client', () => {
  let server: NorthboundServer;
  let port: number;
  let outDir: string;

  beforeAll(async () => {
    if (!havePythonGrpc) {
      throw new Error(`${PYTHON} cannot import grpc and grpc_tools: apt-get install -y python3-grpcio python3-grpc-tools`);
    }
    outDir = mkdtempSync(join(tmpdir(), 'sluice-pyproto-'));
    execFileSync(
      PYTHON,
      [
        '-m', 'grpc_tools.protoc', '-I', protoRoot(), `--python_out=${outDir}`, `--grpc_python_out=${outDir}`,
        ...SLUICE_PROTO_FILES, 'google/rpc/status.proto', 'google/rpc/error_details.proto',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = new NorthboundServer(new FakeController().backends(), { host: '127.0.0.1', port: 0, token: TOKEN });
    port = await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('lists the same switches and links as the TypeScript client, and reads BadRequest details', async () => {
    // Async spawn: the server runs in this process, so a synchronous child would deadlock it.
    const py = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(PYTHON, [SCRIPT, `127.0.0.1:${port}`, TOKEN], {
        env: { PATH: '/usr/bin:/bin', PYTHONPATH: outDir, LANG: 'C.UTF-8' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code: number | null) => resolve({ code, stdout, stderr }));
    });
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
    const out = JSON.parse(py.stdout) as PyOutput;

    const ts = new SluiceClient({ server: `127.0.0.1:${port}`, token: TOKEN });
    try {
      const switches = await ts.topology.ListSwitches({});
      const links = await ts.topology.ListLinks({});
      expect(out.switches).toEqual(switches.switches.map((s) => ({ dpid: s.dpid, port_nos: s.port_nos })));
      expect(out.links).toEqual(
        links.links.map((l) => ({
          src: l.src,
          dst: l.dst,
          bandwidth_bps: l.bandwidth_bps,
          // proto3 JSON renders Timestamp as RFC 3339.
          discovered_at: new Date(Number(l.discovered_at!.seconds) * 1000).toISOString().replace('.000Z', 'Z'),
        })),
      );
    } finally {
      ts.close();
    }
    expect(out.switches.map((s) => s.dpid.text)).toEqual(['0000000000000001', '0000000000000002', '0000000000000003']);
    expect(out.invalid).toEqual({
      code: 'INVALID_ARGUMENT',
      violations: [['dpid.text', expect.stringContaining('"not-a-dpid" is not a datapath id')]],
    });
  });
});
