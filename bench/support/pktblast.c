/*
 * pktblast: a bounded 64-byte frame generator for the forwarding benchmark.
 *
 *   pktblast IFNAME DST_MAC SRC_MAC MAX_FRAMES SECONDS
 *
 * Sends 60-byte Ethernet frames (64 on the wire with the FCS) of EtherType 0x88b5 (IEEE local
 * experimental, which every receiving stack drops silently after counting it) out of IFNAME through
 * an AF_PACKET socket, 64 frames per sendmmsg(), until MAX_FRAMES are sent or SECONDS have passed,
 * whichever comes first. ENOBUFS/EAGAIN (a full qdisc) are retried after a yield. Prints the number
 * of frames the kernel accepted and the elapsed seconds as "sent=N secs=S".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define BURST 64
#define FRAME 60

static int parse_mac(const char *s, unsigned char *out) {
  return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &out[0], &out[1], &out[2], &out[3], &out[4], &out[5]) == 6 ? 0 : -1;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: pktblast IFNAME DST_MAC SRC_MAC MAX_FRAMES SECONDS\n"); return 2; }
  unsigned char frames[BURST][FRAME];
  memset(frames, 0, sizeof frames);
  if (parse_mac(argv[2], frames[0]) || parse_mac(argv[3], frames[0] + 6)) { fprintf(stderr, "bad MAC\n"); return 2; }
  frames[0][12] = 0x88; frames[0][13] = 0xb5;
  for (int i = 1; i < BURST; i++) memcpy(frames[i], frames[0], FRAME);
  for (int i = 0; i < BURST; i++) frames[i][14] = (unsigned char)i;  /* vary the payload, not the flow */
  long long max = atoll(argv[4]);
  double secs = atof(argv[5]);
  if (max <= 0 || secs <= 0 || secs > 120) { fprintf(stderr, "MAX_FRAMES must be > 0 and SECONDS in (0, 120]\n"); return 2; }

  int fd = socket(AF_PACKET, SOCK_RAW, 0); /* protocol 0: send only, receive nothing */
  if (fd < 0) { perror("socket"); return 1; }
  struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(argv[1]), .sll_halen = 6 };
  if (sll.sll_ifindex == 0) { perror("if_nametoindex"); return 1; }
  memcpy(sll.sll_addr, frames[0], 6);
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) { perror("bind"); return 1; }

  struct iovec iov[BURST];
  struct mmsghdr msgs[BURST];
  memset(msgs, 0, sizeof msgs);
  for (int i = 0; i < BURST; i++) {
    iov[i].iov_base = frames[i];
    iov[i].iov_len = FRAME;
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = &sll;
    msgs[i].msg_hdr.msg_namelen = sizeof sll;
  }
  double start = now(), deadline = start + secs;
  long long sent = 0;
  unsigned iter = 0;
  while (sent < max) {
    if ((++iter & 15) == 0 && now() >= deadline) break;
    long long left = max - sent;
    int n = sendmmsg(fd, msgs, left < BURST ? (unsigned)left : BURST, 0);
    if (n < 0) {
      if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) { sched_yield(); continue; }
      perror("sendmmsg");
      return 1;
    }
    sent += n;
  }
  printf("sent=%lld secs=%.6f\n", sent, now() - start);
  return 0;
}
