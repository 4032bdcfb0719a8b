#include "interface_info.h"

// glibc's <net/if.h> must come before the kernel headers so <linux/if.h> (pulled in by ethtool.h)
// sees it and leaves out its own, conflicting, definitions of struct ifreq and IFF_*.
#include <net/if.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace sluice {
namespace {

class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() { if (fd_ >= 0) ::close(fd_); }
  int get() const { return fd_; }
 private:
  int fd_;
};

// ETHTOOL_GLINKSETTINGS first (the current interface), ETHTOOL_GSET for older drivers.
void ReadLinkSpeed(int fd, ifreq* ifr, InterfaceInfo* info) {
  // The request is followed by three bitmaps whose size the kernel tells us in a first call
  // (negative link_mode_masks_nwords); 127 words is the most the field can ask for.
  alignas(ethtool_link_settings) uint8_t buffer[sizeof(ethtool_link_settings) + 3 * 127 * sizeof(uint32_t)] = {};
  auto* ls = reinterpret_cast<ethtool_link_settings*>(buffer);
  ls->cmd = ETHTOOL_GLINKSETTINGS;
  ifr->ifr_data = reinterpret_cast<char*>(ls);
  if (ioctl(fd, SIOCETHTOOL, ifr) == 0 && ls->link_mode_masks_nwords < 0) {
    ls->cmd = ETHTOOL_GLINKSETTINGS;
    ls->link_mode_masks_nwords = static_cast<int8_t>(-ls->link_mode_masks_nwords);
    if (ioctl(fd, SIOCETHTOOL, ifr) == 0) {
      if (ls->speed != 0 && ls->speed != static_cast<uint32_t>(SPEED_UNKNOWN)) {
        info->speed_mbps = ls->speed;
      }
      if (ls->duplex == DUPLEX_HALF || ls->duplex == DUPLEX_FULL) info->duplex = ls->duplex;
      return;
    }
  }
  ethtool_cmd cmd{};
  cmd.cmd = ETHTOOL_GSET;
  ifr->ifr_data = reinterpret_cast<char*>(&cmd);
  if (ioctl(fd, SIOCETHTOOL, ifr) == 0) {
    uint32_t speed = ethtool_cmd_speed(&cmd);
    if (speed != 0 && speed != static_cast<uint32_t>(SPEED_UNKNOWN)) info->speed_mbps = speed;
    if (cmd.duplex == DUPLEX_HALF || cmd.duplex == DUPLEX_FULL) info->duplex = cmd.duplex;
  }
}

}  // namespace

int GetInterfaceInfo(const std::string& name, InterfaceInfo* info) {
  *info = InterfaceInfo{};
  if (name.empty() || name.size() >= IFNAMSIZ || name.find('/') != std::string::npos) return ENODEV;
  ScopedFd fd(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return errno;

  ifreq ifr{};
  std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
  if (ioctl(fd.get(), SIOCGIFINDEX, &ifr) < 0) return errno;
  info->ifindex = ifr.ifr_ifindex;
  if (ioctl(fd.get(), SIOCGIFHWADDR, &ifr) == 0 && ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER) {
    std::memcpy(info->hw_addr, ifr.ifr_hwaddr.sa_data, 6);
    info->has_hw_addr = true;
  }
  if (ioctl(fd.get(), SIOCGIFMTU, &ifr) == 0) info->mtu = ifr.ifr_mtu;
  if (ioctl(fd.get(), SIOCGIFFLAGS, &ifr) == 0) info->flags = static_cast<uint16_t>(ifr.ifr_flags);

  // Reading carrier of an interface that is administratively down fails with EINVAL.
  std::ifstream carrier("/sys/class/net/" + name + "/carrier");
  int value;
  if (carrier && (carrier >> value)) info->carrier = value != 0 ? 1 : 0;

  ReadLinkSpeed(fd.get(), &ifr, info);
  return 0;
}

}  // namespace sluice
