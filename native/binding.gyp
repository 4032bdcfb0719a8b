{
  "targets": [
    {
      "target_name": "sluice_native",
      "sources": [
        "src/addon.cc",
        "src/fd_poller.cc",
        "src/frame_offload.cc",
        "src/interface_info.cc",
        "src/link_monitor.cc",
        "src/packet_socket.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
    }
  ]
}
