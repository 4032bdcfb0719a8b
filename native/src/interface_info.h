// What the kernel says about one network interface, read at the moment of the call.
#pragma once

#include <cstdint>
#include <string>

namespace sluice {

struct InterfaceInfo {
  int ifindex = 0;
  uint8_t hw_addr[6] = {};
  bool has_hw_addr = false;   // ARPHRD_ETHER; other link types have no 6-byte address
  int mtu = 0;
  uint32_t flags = 0;         // SIOCGIFFLAGS (IFF_UP, IFF_RUNNING, ...)
  int carrier = -1;           // /sys/class/net/<if>/carrier: 1, 0, or -1 when unreadable (admin down)
  int64_t speed_mbps = -1;    // ethtool link speed, -1 when unknown
  int duplex = -1;            // DUPLEX_HALF (0), DUPLEX_FULL (1), or -1 when unknown
};

// Returns 0 or a positive errno (ENODEV when the interface does not exist).
int GetInterfaceInfo(const std::string& name, InterfaceInfo* info);

}  // namespace sluice
