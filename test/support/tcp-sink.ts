/**
 * A TCP receiver for host namespaces, run as `python3 -c TCP_SINK <addr> <port>`: listens on the
 * address (IPv4 or IPv6), prints "ready", takes one connection and, when the sender closes,
 * prints "<bytes> <sha256 hex>" of everything it received. Times out after 20 s idle.
 */
export const TCP_SINK = `
import hashlib, socket, sys
srv = socket.socket(socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind((sys.argv[1], int(sys.argv[2])))
srv.listen(1)
srv.settimeout(20)
print('ready', flush=True)
c, _ = srv.accept()
c.settimeout(20)
h, n = hashlib.sha256(), 0
while True:
    d = c.recv(1 << 16)
    if not d:
        break
    h.update(d)
    n += len(d)
print(n, h.hexdigest(), flush=True)
`;
