// sluice_native: raw port I/O for the software switch. The only JS importer is
// switch/port/native-binding.ts, which states the TypeScript types of everything exported here.
#include <napi.h>

#include <cstring>

#include "interface_info.h"
#include "link_monitor.h"
#include "packet_socket.h"

namespace sluice {
namespace {

// getInterfaceInfo(name) -> { ifindex, hwAddr, mtu, flags, carrier, speedMbps, duplex }
// Throws an Error with .errno (ENODEV when the interface does not exist).
Napi::Value GetInterfaceInfoJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    throw Napi::TypeError::New(env, "getInterfaceInfo(name: string)");
  }
  std::string name = info[0].As<Napi::String>();
  InterfaceInfo ii;
  int err = GetInterfaceInfo(name, &ii);
  if (err != 0) {
    Napi::Error e = Napi::Error::New(env, "interface " + name + ": " + strerror(err));
    e.Set("errno", Napi::Number::New(env, err));
    e.Set("syscall", Napi::String::New(env, "ioctl"));
    throw e;
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("ifindex", ii.ifindex);
  out.Set("hwAddr", ii.has_hw_addr ? Napi::Buffer<uint8_t>::Copy(env, ii.hw_addr, 6).As<Napi::Value>()
                                   : env.Null());
  out.Set("mtu", ii.mtu);
  out.Set("flags", static_cast<double>(ii.flags));
  out.Set("carrier", ii.carrier < 0 ? env.Null() : Napi::Boolean::New(env, ii.carrier == 1).As<Napi::Value>());
  out.Set("speedMbps", ii.speed_mbps < 0 ? env.Null() : Napi::Number::New(env, static_cast<double>(ii.speed_mbps)).As<Napi::Value>());
  out.Set("duplex", ii.duplex < 0 ? env.Null() : Napi::Number::New(env, ii.duplex).As<Napi::Value>());
  return out;
}

}  // namespace

Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  exports.Set("PacketSocket", PacketSocket::Init(env));
  exports.Set("LinkMonitor", LinkMonitor::Init(env));
  exports.Set("getInterfaceInfo", Napi::Function::New(env, GetInterfaceInfoJs, "getInterfaceInfo"));
  exports.Set("BURST", Napi::Number::New(env, PacketSocket::kBurst));
  exports.Set("COUNTER_COUNT", Napi::Number::New(env, kCounterCount));
  return exports;
}

}  // namespace sluice

static Napi::Object Init(Napi::Env env, Napi::Object exports) { return sluice::InitModule(env, exports); }

NODE_API_MODULE(sluice_native, Init)
